package com.retailpulse.infra.security;

import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;

/** The platform's roles. ADMIN may do everything the others may. */
public final class Roles {
    public static final String ADMIN = "ADMIN";
    public static final String MARKETER = "MARKETER";
    public static final String ANALYST = "ANALYST";
    public static final String AUDITOR = "AUDITOR";
    public static final String INGEST = "INGEST";

    private Roles() {
    }

    static RoleHierarchyImpl hierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(ADMIN).implies(MARKETER, ANALYST, AUDITOR, INGEST)
                .build();
    }
}
