package com.retailpulse.infra;

import com.retailpulse.infra.cli.ImportCli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import picocli.CommandLine;

import java.util.Arrays;

@SpringBootApplication(scanBasePackages = "com.retailpulse")
public class RetailPulseApplication {

    /** {@code import …} runs the command-line client (no platform started); anything else starts the platform. */
    public static void main(String[] args) {
        if (args.length > 0 && "import".equals(args[0])) {
            System.exit(new CommandLine(new ImportCli()).execute(Arrays.copyOfRange(args, 1, args.length)));
        }
        SpringApplication.run(RetailPulseApplication.class, args);
    }
}
