package com.retailpulse.command.customer;

import com.retailpulse.contracts.customer.AbsorbCustomerCommand;
import com.retailpulse.contracts.customer.CustomerCreatedEvent;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.CustomerMergedIntoEvent;
import com.retailpulse.contracts.customer.CustomerRestoredEvent;
import com.retailpulse.contracts.customer.CustomerUnmergedEvent;
import com.retailpulse.contracts.customer.CustomersMergedEvent;
import com.retailpulse.contracts.customer.IdentifierLinkedEvent;
import com.retailpulse.contracts.customer.LinkIdentifierCommand;
import com.retailpulse.contracts.customer.MergeCustomerCommand;
import com.retailpulse.contracts.customer.MergedCustomer;
import com.retailpulse.contracts.customer.ResolveCustomerCommand;
import com.retailpulse.contracts.customer.RestoreCustomerCommand;
import com.retailpulse.contracts.customer.UnmergeCustomerCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

class CustomerMergeTest {

    private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
    private static final CustomerIdentifier DEVICE = CustomerIdentifier.parse("device:ios-42");
    private static final CustomerIdentifier MEMBER = CustomerIdentifier.parse("member:7");
    private static final CustomerId DEV = new CustomerId("dev");
    private static final CustomerId MEM = new CustomerId("mem");
    private static final CustomerId OLD = new CustomerId("old");

    private AggregateTestFixture<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void linking_a_first_identifier_creates_the_customer_and_a_second_one_is_recorded_as_linked() {
        fixture.givenNoPriorActivity()
                .when(new LinkIdentifierCommand(DEV, DEVICE))
                .expectEvents(new CustomerCreatedEvent(DEV, DEVICE, NOW));
        fixture.given(new CustomerCreatedEvent(DEV, DEVICE, NOW))
                .when(new LinkIdentifierCommand(DEV, MEMBER))
                .expectEvents(new IdentifierLinkedEvent(DEV, MEMBER, NOW));
        fixture.given(new CustomerCreatedEvent(DEV, DEVICE, NOW))
                .when(new LinkIdentifierCommand(DEV, DEVICE))
                .expectNoEvents()
                .expectResultMessagePayload(DEV);
    }

    @Test
    void an_identifier_linked_to_a_merged_record_is_answered_with_the_survivor_to_route_it_to() {
        fixture.given(new CustomerCreatedEvent(DEV, DEVICE, NOW), new CustomerMergedIntoEvent(DEV, MEM, null, "m-1", "r", NOW))
                .when(new LinkIdentifierCommand(DEV, CustomerIdentifier.parse("openid:wechat:o-1")))
                .expectEvents(new IdentifierLinkedEvent(DEV, CustomerIdentifier.parse("openid:wechat:o-1"), NOW))
                .expectResultMessagePayload(MEM);
        fixture.given(new CustomerCreatedEvent(DEV, DEVICE, NOW), new CustomerMergedIntoEvent(DEV, MEM, null, "m-1", "r", NOW))
                .when(new ResolveCustomerCommand(DEV))
                .expectNoEvents()
                .expectResultMessagePayload(MEM);
    }

    @Test
    void a_customer_merged_into_a_survivor_hands_over_itself_and_everyone_merged_into_it_before() {
        MergedCustomer old = new MergedCustomer(OLD, List.of(CustomerIdentifier.parse("email:h:x")));
        fixture.given(new CustomerCreatedEvent(DEV, DEVICE, NOW),
                        new CustomersMergedEvent(DEV, OLD, List.of(old), "m-0", "earlier", NOW))
                .when(new MergeCustomerCommand(DEV, MEM, null, "m-1", "device:ios-42 and member:7 arrived together"))
                .expectEvents(new CustomerMergedIntoEvent(DEV, MEM, null, "m-1", "device:ios-42 and member:7 arrived together", NOW))
                .expectResultMessagePayload(List.of(new MergedCustomer(DEV, List.of(DEVICE)), old));
    }

    @Test
    void merging_again_into_the_same_survivor_records_nothing() {
        fixture.given(new CustomerCreatedEvent(DEV, DEVICE, NOW),
                        new CustomerMergedIntoEvent(DEV, MEM, null, "m-1", "r", NOW))
                .when(new MergeCustomerCommand(DEV, MEM, null, "m-2", "r"))
                .expectNoEvents()
                .expectResultMessagePayload(List.of(new MergedCustomer(DEV, List.of(DEVICE))));
    }

    @Test
    void a_customer_that_belongs_to_someone_else_refuses_a_merge_that_assumes_it_stands_alone() {
        fixture.given(new CustomerCreatedEvent(DEV, DEVICE, NOW),
                        new CustomerMergedIntoEvent(DEV, OLD, null, "m-1", "r", NOW))
                .when(new MergeCustomerCommand(DEV, MEM, null, "m-2", "r"))
                .expectException(MergeRefusedException.class);
    }

    @Test
    void a_survivor_records_the_merge_once_and_cannot_absorb_while_merged_itself() {
        List<MergedCustomer> group = List.of(new MergedCustomer(DEV, List.of(DEVICE)));
        fixture.given(new CustomerCreatedEvent(MEM, MEMBER, NOW))
                .when(new AbsorbCustomerCommand(MEM, DEV, group, "m-1", "r"))
                .expectEvents(new CustomersMergedEvent(MEM, DEV, group, "m-1", "r", NOW));
        fixture.given(new CustomerCreatedEvent(MEM, MEMBER, NOW), new CustomersMergedEvent(MEM, DEV, group, "m-1", "r", NOW))
                .when(new AbsorbCustomerCommand(MEM, DEV, group, "m-9", "r"))
                .expectNoEvents();
        fixture.given(new CustomerCreatedEvent(MEM, MEMBER, NOW), new CustomerMergedIntoEvent(MEM, OLD, null, "m-0", "r", NOW))
                .when(new AbsorbCustomerCommand(MEM, DEV, group, "m-1", "r"))
                .expectException(MergeRefusedException.class);
    }

    @Test
    void an_unmerge_undoes_exactly_the_named_merge_and_answers_who_leaves() {
        List<MergedCustomer> group = List.of(new MergedCustomer(DEV, List.of(DEVICE)));
        fixture.given(new CustomerCreatedEvent(MEM, MEMBER, NOW), new CustomersMergedEvent(MEM, DEV, group, "m-1", "r", NOW))
                .when(new UnmergeCustomerCommand(MEM, DEV, "wrong merge: shared family tablet"))
                .expectEvents(new CustomerUnmergedEvent(MEM, DEV, group, "m-1", "wrong merge: shared family tablet", NOW))
                .expectResultMessagePayload(group);
        fixture.given(new CustomerCreatedEvent(MEM, MEMBER, NOW))
                .when(new UnmergeCustomerCommand(MEM, DEV, "r"))
                .expectException(MergeRefusedException.class);
    }

    @Test
    void a_restored_customer_stands_alone_again_and_can_be_merged_later() {
        fixture.given(new CustomerCreatedEvent(DEV, DEVICE, NOW), new CustomerMergedIntoEvent(DEV, MEM, null, "m-1", "r", NOW))
                .when(new RestoreCustomerCommand(DEV, MEM, "m-1", "wrong"))
                .expectEvents(new CustomerRestoredEvent(DEV, MEM, "m-1", "wrong", NOW));
        fixture.given(new CustomerCreatedEvent(DEV, DEVICE, NOW), new CustomerMergedIntoEvent(DEV, MEM, null, "m-1", "r", NOW),
                        new CustomerRestoredEvent(DEV, MEM, "m-1", "wrong", NOW))
                .when(new MergeCustomerCommand(DEV, OLD, null, "m-2", "r"))
                .expectEvents(new CustomerMergedIntoEvent(DEV, OLD, null, "m-2", "r", NOW));
    }
}
