package com.retailpulse.infra;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication(scanBasePackages = "com.retailpulse")
public class RetailPulseApplication {

    public static void main(String[] args) {
        SpringApplication.run(RetailPulseApplication.class, args);
    }
}
