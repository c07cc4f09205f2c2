package com.retailpulse.query.customer;

import com.retailpulse.contracts.customer.CountCustomersQuery;
import com.retailpulse.contracts.customer.CustomerCountView;
import com.retailpulse.contracts.customer.CustomerEventsView;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.CustomerProfileView;
import com.retailpulse.contracts.customer.CustomerRefView;
import com.retailpulse.contracts.customer.FindCustomerByIdentifierQuery;
import com.retailpulse.contracts.customer.FindCustomerEventsQuery;
import com.retailpulse.contracts.customer.FindCustomerProfileQuery;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.Optional;

/** Read API over customers: lookup by identifier, profile (ANALYST) and event history (AUDITOR). */
@RestController
@RequestMapping("/api/v1/customers")
public class CustomerReadController {

    private final QueryGateway queries;

    public CustomerReadController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping
    public CustomerRefView findByIdentifier(@RequestParam("identifier") String identifier) {
        CustomerIdentifier parsed;
        try {
            parsed = CustomerIdentifier.parse(identifier);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "identifier: " + e.getMessage());
        }
        return queries.query(new FindCustomerByIdentifierQuery(parsed), ResponseTypes.optionalInstanceOf(CustomerRefView.class))
                .join()
                .orElseThrow(() -> notFound("no customer is known by " + parsed.key()));
    }

    /** Customers known to the platform (those with a profile). */
    @GetMapping("/count")
    public CustomerCountView count() {
        return queries.query(new CountCustomersQuery(), ResponseTypes.instanceOf(CustomerCountView.class)).join();
    }

    @GetMapping("/{customerId}/profile")
    public CustomerProfileView profile(@PathVariable String customerId, Authentication reader) {
        boolean reveal = reader.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
        Optional<CustomerProfileView> profile = queries.query(new FindCustomerProfileQuery(new CustomerId(customerId), reveal),
                ResponseTypes.optionalInstanceOf(CustomerProfileView.class)).join();
        return profile.orElseThrow(() -> notFound("no profile for customer " + customerId));
    }

    @GetMapping("/{customerId}/events")
    public CustomerEventsView events(@PathVariable String customerId) {
        CustomerEventsView view = queries.query(new FindCustomerEventsQuery(new CustomerId(customerId)),
                ResponseTypes.instanceOf(CustomerEventsView.class)).join();
        if (view.events().isEmpty()) {
            throw notFound("no events for customer " + customerId);
        }
        return view;
    }

    private static ResponseStatusException notFound(String detail) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, detail);
    }
}
