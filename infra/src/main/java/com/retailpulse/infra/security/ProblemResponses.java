package com.retailpulse.infra.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;
import java.net.URI;

/** 401 and 403 as RFC 9457 problem details, like every other error of the API. */
final class ProblemResponses {

    private ProblemResponses() {
    }

    static AuthenticationEntryPoint unauthorized(ObjectMapper mapper) {
        return (request, response, e) -> {
            // A script (the console) asks with X-Requested-With and shows its own sign-in form; without the
            // challenge header the browser does not pop up its own password dialog over it.
            if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"retailpulse\"");
            }
            write(mapper, response, HttpStatus.UNAUTHORIZED, "authentication required: " + e.getMessage(), request.getRequestURI());
        };
    }

    static AccessDeniedHandler forbidden(ObjectMapper mapper) {
        return (request, response, e) -> write(mapper, response, HttpStatus.FORBIDDEN,
                "your role does not allow " + request.getMethod() + " " + request.getRequestURI(), request.getRequestURI());
    }

    private static void write(ObjectMapper mapper, HttpServletResponse response, HttpStatus status, String detail, String path)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(path));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        mapper.writeValue(response.getOutputStream(), problem);
    }
}
