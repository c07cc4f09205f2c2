package com.retailpulse.infra.localstack;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Stops the local stack after everything else has stopped (lowest phase stops last), so event
 * processors and consumers finish their work against live servers.
 */
@Component
class LocalStackLifecycle implements SmartLifecycle {

    private volatile boolean running;

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        LocalStack stack = LocalStackInitializer.running();
        if (stack != null) {
            stack.close();
            LocalStackInitializer.stopped();
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;
    }
}
