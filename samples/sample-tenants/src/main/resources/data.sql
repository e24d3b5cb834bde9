insert into tenant (origin) values ('https://acme.example-saas.com');
insert into tenant (origin) values ('https://portal.customer.com');
-- Not an origin (a path): skipped, said once at WARN, and listed by /actuator/cors.
insert into tenant (origin) values ('https://shop.customer.com/store');
