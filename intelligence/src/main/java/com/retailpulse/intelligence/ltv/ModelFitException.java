package com.retailpulse.intelligence.ltv;

/** A fit whose optimiser did not reach a maximum of the likelihood: the model must not be used. */
public class ModelFitException extends RuntimeException {
    public ModelFitException(String message) {
        super(message);
    }

    public ModelFitException(String message, Throwable cause) {
        super(message, cause);
    }
}
