package com.retailpulse.infra.web;

import com.fasterxml.jackson.databind.JsonMappingException;

import java.util.List;

/** Turns a Jackson failure into "field.path: what is wrong" without echoing the payload. */
public final class JsonProblems {
    private JsonProblems() {
    }

    public static String describe(Throwable e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return path(mapping.getPath()) + ": " + mapping.getOriginalMessage().split("\n")[0];
        }
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException parse) {
            var location = parse.getLocation();
            return "not valid JSON" + (location == null ? "" : " at line " + location.getLineNr() + ", column "
                    + location.getColumnNr()) + ": " + parse.getOriginalMessage().split("\n")[0];
        }
        return "request body is missing or not readable JSON";
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : references) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
