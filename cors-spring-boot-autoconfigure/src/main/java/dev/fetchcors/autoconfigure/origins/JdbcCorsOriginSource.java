package dev.fetchcors.autoconfigure.origins;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import dev.fetchcors.autoconfigure.CorsOriginSource;

/**
 * The origin source of {@code app.cors.origin-source.query}: the first column of every row the query returns, read
 * with plain JDBC on the application's {@link DataSource}, with a query timeout.
 */
final class JdbcCorsOriginSource implements CorsOriginSource {

    private final DataSource dataSource;

    private final String query;

    private final String policy;

    private final int timeoutSeconds;

    private final boolean patterns;

    JdbcCorsOriginSource(DataSource dataSource, String query, String policy, Duration timeout, boolean patterns) {
        this.dataSource = dataSource;
        this.query = query;
        this.policy = policy;
        this.patterns = patterns;
        this.timeoutSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
    }

    @Override
    public List<String> load() throws SQLException {
        List<String> origins = new ArrayList<>();
        try (Connection connection = this.dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(this.timeoutSeconds);
            statement.setFetchSize(1000);
            try (ResultSet rows = statement.executeQuery(this.query)) {
                while (rows.next()) {
                    origins.add(rows.getString(1));
                }
            }
        }
        return origins;
    }

    @Override
    public String policy() {
        return this.policy;
    }

    @Override
    public boolean allowsPatterns() {
        return this.patterns;
    }

    @Override
    public String toString() {
        return "JDBC query '" + this.query + "'";
    }

}
