package dev.fetchcors.benchmarks.http;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;

import javax.sql.DataSource;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The {@code source} profile of the load-test apps: an H2 table of 100,000 allowed origins
 * ({@code https://shop<n>.customers.example.com}), filled before the starter first loads it
 * ({@code app.cors.origin-source.query} in {@code application-source.properties}).
 */
@Configuration(proxyBeanMethods = false)
@Profile("source")
public class OriginTable {

    /** How many origins the table holds. */
    public static final int ROWS = 100_000;

    @Bean
    InitializingBean originTableRows(DataSource dataSource) {
        return () -> {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement create = connection.createStatement()) {
                    create.executeUpdate("create table tenant_domain (origin varchar(200))");
                }
                try (PreparedStatement insert = connection.prepareStatement(
                        "insert into tenant_domain (origin) values (?)")) {
                    insertRows(insert);
                }
            }
        };
    }

    private static void insertRows(PreparedStatement insert) throws java.sql.SQLException {
        for (int i = 0; i < ROWS; i++) {
            insert.setString(1, "https://shop" + i + ".customers.example.com");
            insert.addBatch();
            if (i % 10_000 == 9_999) {
                insert.executeBatch();
            }
        }
    }

}
