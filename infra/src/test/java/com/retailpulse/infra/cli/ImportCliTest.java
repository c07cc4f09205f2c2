package com.retailpulse.infra.cli;

import com.retailpulse.infra.support.IntegrationTest;
import com.retailpulse.infra.support.PosFiles;
import com.retailpulse.infra.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code import} client run in-process against the test platform, as a user would run it (without a terminal). */
@IntegrationTest
class ImportCliTest {

    private static final Function<String, String> ENV = Map.of(ImportCli.DEFAULT_PASSWORD_ENV, TestUsers.ADMIN_PASSWORD)::get;

    @LocalServerPort
    int port;
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private Run run(Function<String, String> environment, String... args) {
        ImportCli cli = new ImportCli(environment, false);
        cli.pollMillis = 200;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(cli);
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exit = command.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private String url() {
        return "http://127.0.0.1:" + port;
    }

    private Path gzip(String name, String content) throws IOException {
        return PosFiles.gzip(dir.resolve(name), content);
    }

    private static String onlineRetail(long member) {
        return PosFiles.sample("8", member, "B" + member);
    }

    @Test
    void a_gzip_file_imports_with_a_summary_and_its_rejected_rows() throws Exception {
        long member = 80_000 + (System.nanoTime() % 9_000);
        Path gz = gzip("pos.csv.gz", onlineRetail(member));

        Run run = run(ENV, "transactions", gz.toString(), "--url", url());
        System.out.println(run.out()); // the client's output, in the test report

        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(run.err()).as(run.all()).isEmpty();
        assertThat(run.out())
                .contains("Uploading pos.csv.gz")
                .containsPattern("Import \\S+ COMPLETED — pos\\.csv\\.gz")
                .containsPattern("rows read\\s+7\\n")
                .containsPattern("rows imported\\s+5\\n")
                .containsPattern("rows rejected\\s+2\\n")
                .containsPattern("orders recorded\\s+2\\n")
                .containsPattern("cancellations recorded\\s+1\\n")
                .containsPattern("anonymous sales recorded\\s+1\\n")
                .containsPattern("customers seen\\s+1\\n")
                .contains("Rejected rows:")
                .containsPattern("line\\s+5\\s+.*(?i:quantity).*oops")
                .containsPattern("line\\s+8\\s+.*(?i:price).*-5\\.95")
                .doesNotContain("\r");

        String importId = run.out().replaceAll("(?s).*Import (\\S+) started.*", "$1");
        Run status = run(ENV, "status", importId, "--url", url());
        assertThat(status.exit()).as(status.all()).isZero();
        assertThat(status.out()).contains("Import " + importId + " COMPLETED").containsPattern("orders recorded\\s+2\\n");
    }

    @Test
    void a_failed_import_exits_1_with_its_error() throws Exception {
        Path csv = dir.resolve("other.csv");
        Files.writeString(csv, "order,item,qty\n1,A,2\n");

        Run run = run(ENV, "transactions", csv.toString(), "--url", url());

        assertThat(run.exit()).as(run.all()).isEqualTo(1);
        assertThat(run.out()).containsPattern("Import \\S+ FAILED");
        assertThat(run.err()).contains("import failed:").contains("qty").contains("import resume ");
    }

    @Test
    void a_wrong_password_exits_2_saying_authentication_failed() throws Exception {
        Path gz = gzip("pos.csv.gz", onlineRetail(1));

        Run run = run(Map.of(ImportCli.DEFAULT_PASSWORD_ENV, "wrong")::get, "transactions", gz.toString(), "--url", url());

        assertThat(run.exit()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).contains("authentication failed for user 'admin'").contains("$RETAILPULSE_ADMIN_PASSWORD");
        assertThat(run.out()).doesNotContain("Uploading");
    }

    @Test
    void an_unreachable_platform_exits_2_with_a_clear_message() throws Exception {
        Path gz = gzip("pos.csv.gz", onlineRetail(1));
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        Run run = run(ENV, "transactions", gz.toString(), "--url", "http://127.0.0.1:" + closedPort);

        assertThat(run.exit()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).contains("cannot reach http://127.0.0.1:" + closedPort + ": connection refused — is the platform running?");
    }

    @Test
    void usage_errors_exit_2() throws Exception {
        Path gz = gzip("pos.csv.gz", onlineRetail(1));

        Run noPassword = run(name -> null, "transactions", gz.toString(), "--url", url());
        assertThat(noPassword.exit()).isEqualTo(2);
        assertThat(noPassword.err()).contains("environment variable RETAILPULSE_ADMIN_PASSWORD is not set");

        Run missingFile = run(ENV, "transactions", dir.resolve("absent.csv").toString(), "--url", url());
        assertThat(missingFile.exit()).isEqualTo(2);
        assertThat(missingFile.err()).contains("absent.csv: file not found");

        Run noPasswordOption = run(ENV, "transactions", gz.toString(), "--password", "x");
        assertThat(noPasswordOption.exit()).isEqualTo(2);
        assertThat(noPasswordOption.err()).contains("Unknown option");

        Run unknownImport = run(ENV, "status", "no-such-import", "--url", url());
        assertThat(unknownImport.exit()).isEqualTo(2);
        assertThat(unknownImport.err()).contains("HTTP 404").contains("no import no-such-import");
    }
}
