create table tenant_domain (origin varchar(8000), active boolean default true not null);
insert into tenant_domain (origin) values ('https://tenant1.example.com');
insert into tenant_domain (origin) values ('https://*.tenant9.example.com');
