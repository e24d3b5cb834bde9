package dev.fetchcors.samples.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for {@code localhost}, {@code 127.0.0.1} and {@code 127.0.0.2}, in a PKCS12 key store
 * made once per run by the JDK's own {@code keytool}, for a sample served over HTTPS (and so over HTTP/2, as
 * browsers reach production APIs). The browser is told to accept it ({@link Chromium}).
 *
 * <pre>{@code
 * @DynamicPropertySource
 * static void https(DynamicPropertyRegistry registry) {
 *     registry.add("server.ssl.key-store", () -> SelfSignedKeyStore.path().toString());
 * }
 * }</pre>
 */
public final class SelfSignedKeyStore {

    /** The key store's password and the key's, as {@code server.ssl.key-store-password} takes it. */
    public static final String PASSWORD = "changeit";

    private static Path path;

    private SelfSignedKeyStore() {
    }

    /** The key store, made on first use. */
    public static synchronized Path path() {
        if (path == null) {
            try {
                path = make();
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
        return path;
    }

    private static Path make() throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("fetchcors-https-");
        Path store = directory.resolve("sample.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "sample",
                "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1,ip:127.0.0.2", "-storetype",
                "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD))
            .redirectErrorStream(true)
            .start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        store.toFile().deleteOnExit();
        directory.toFile().deleteOnExit();
        return store;
    }

}
