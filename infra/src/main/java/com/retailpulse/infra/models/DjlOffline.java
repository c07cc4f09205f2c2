package com.retailpulse.infra.models;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

import java.nio.file.Path;

/**
 * DJL trains the recommendation model in-process (ADR 0014). It must never download: the PyTorch
 * natives come from the class path and are unpacked once under the data directory; CPU flavour; no more
 * threads than the platform can spare. DJL reads these as system properties (or environment variables,
 * which win), so they are set before any model code runs. For OpenMP's waiting threads set
 * {@code OMP_WAIT_POLICY=PASSIVE} in the environment when other work shares the cores.
 */
public class DjlOffline implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("PYTORCH_FLAVOR", "cpu");
        String dataDir = environment.getProperty("retailpulse.data-dir", "./data");
        setIfAbsent("DJL_CACHE_DIR", environment.getProperty("retailpulse.models.djl-cache-dir",
                Path.of(dataDir, "djl").toAbsolutePath().normalize().toString()));
        setIfAbsent("ai.djl.pytorch.num_threads", environment.getProperty("retailpulse.models.training-threads", "2"));
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null && System.getenv(key) == null) {
            System.setProperty(key, value);
        }
    }
}
