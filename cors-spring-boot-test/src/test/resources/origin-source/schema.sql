create table tenant_domain (origin varchar(2000), active boolean default true not null);
insert into tenant_domain (origin) values ('https://portal.customer.com');
insert into tenant_domain (origin) values ('https://acme.example.com/');
