create table tenant (origin varchar(2000) primary key, active boolean default true not null);
