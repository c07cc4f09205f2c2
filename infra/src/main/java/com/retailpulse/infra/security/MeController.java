package com.retailpulse.infra.security;

import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Who is signed in: the console checks a user name and password with it, and shows only what the
 * roles allow. The roles are the reachable ones (ADMIN implies the others), so a client never has to
 * know the hierarchy.
 */
@RestController
class MeController {

    private static final String PREFIX = "ROLE_";

    private final RoleHierarchy hierarchy;

    MeController(RoleHierarchy hierarchy) {
        this.hierarchy = hierarchy;
    }

    record MeView(String user, List<String> roles) {
    }

    @GetMapping("/api/v1/me")
    MeView me(Authentication authentication) {
        List<String> roles = hierarchy.getReachableGrantedAuthorities(authentication.getAuthorities()).stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith(PREFIX))
                .map(a -> a.substring(PREFIX.length()))
                .distinct().sorted().toList();
        return new MeView(authentication.getName(), roles);
    }
}
