package dev.fetchcors.autoconfigure.origins;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import javax.sql.DataSource;

import dev.fetchcors.autoconfigure.CorsOriginSource;

/**
 * The origin source of {@code app.cors.origin-source.query}: the first column of every row the query returns, read
 * with plain JDBC on the application's {@link DataSource}. The timeout bounds the query (its query timeout, which
 * the server enforces) and every read from the connection (its network timeout, which ends a read from a server
 * that no longer answers); the loader bounds the wait for a connection. At most one row more than max-rows is read,
 * so that the loader can tell a table over the bound from one at it.
 */
final class JdbcCorsOriginSource implements CorsOriginSource {

    /** What a driver runs a connection's abort on, when a network timeout expires: the timer's own thread. */
    private static final Executor DIRECT = Runnable::run;

    private final DataSource dataSource;

    private final String query;

    private final String policy;

    private final int timeoutSeconds;

    private final int timeoutMillis;

    private final int rowsRead;

    private final boolean patterns;

    JdbcCorsOriginSource(DataSource dataSource, String query, String policy, Duration timeout, int maxRows,
            boolean patterns) {
        this.dataSource = dataSource;
        this.query = query;
        this.policy = policy;
        this.patterns = patterns;
        // Whole seconds for JDBC's query timeout: rounded up, so that it never cuts a load shorter than the timeout.
        long millis = Math.max(1, timeout.toMillis());
        this.timeoutSeconds = (int) Math.min(Integer.MAX_VALUE, (millis + 999) / 1000);
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, millis);
        this.rowsRead = (maxRows < Integer.MAX_VALUE) ? maxRows + 1 : maxRows;
    }

    @Override
    public List<String> load() throws SQLException {
        List<String> origins = new ArrayList<>();
        try (Connection connection = this.dataSource.getConnection()) {
            int networkTimeout = networkTimeout(connection, this.timeoutMillis);
            try (Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(this.timeoutSeconds);
                statement.setMaxRows(this.rowsRead);
                statement.setFetchSize(Math.min(1000, this.rowsRead));
                try (ResultSet rows = statement.executeQuery(this.query)) {
                    while (rows.next()) {
                        origins.add(rows.getString(1));
                    }
                }
            }
            finally {
                // A pool hands the connection to others next: with their own timeout, not this one.
                if (networkTimeout >= 0) {
                    restore(connection, networkTimeout);
                }
            }
        }
        return origins;
    }

    /**
     * Sets the connection's network timeout.
     *
     * @return the one it had, or -1 when the driver has none
     */
    private static int networkTimeout(Connection connection, int millis) throws SQLException {
        try {
            int previous = connection.getNetworkTimeout();
            connection.setNetworkTimeout(DIRECT, millis);
            return previous;
        }
        catch (SQLFeatureNotSupportedException | AbstractMethodError ex) {
            // An old driver: the query timeout and the loader's bound remain.
            return -1;
        }
    }

    private static void restore(Connection connection, int millis) {
        try {
            connection.setNetworkTimeout(DIRECT, millis);
        }
        catch (SQLException ex) {
            // A connection the timeout broke: the pool drops it, and the failure that broke it is the one to report.
        }
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
