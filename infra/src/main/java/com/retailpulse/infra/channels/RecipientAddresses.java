package com.retailpulse.infra.channels;

import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.IdentifierType;
import com.retailpulse.contracts.message.ChannelMessage;
import com.retailpulse.privacy.IdentifierPseudonymizer;
import com.retailpulse.privacy.PiiCipher;
import com.retailpulse.projections.profile.ProfileAttributes;
import com.retailpulse.projections.profile.ProfileDocument;
import com.retailpulse.projections.profile.ProfileIndex;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The address an SMS or an e-mail is sent to. Phone numbers and e-mail addresses are pseudonyms everywhere
 * in the platform (docs/privacy.md): the customer's events, the channel topics, the delivery ledger and the
 * dead letters name {@code phone:<token>}, never the number. The number itself exists only sealed with the
 * customer's key, in the CRM profile. It is opened here, at the edge, just before the provider is called,
 * and checked against the pseudonym the customer's guardrails decided on: a message is sent to the address
 * it was accepted for, or not at all. Once the customer is erased (the key deleted), nothing opens and the
 * message fails with that reason.
 *
 * <p>A recipient that already is a number or an address (a message put on the topic by a system that holds
 * them) is sent as it is.
 */
final class RecipientAddresses {

    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{6,15}");

    private final ProfileIndex profiles;
    private final PiiCipher cipher;
    private final IdentifierPseudonymizer pseudonyms;

    RecipientAddresses(ProfileIndex profiles, PiiCipher cipher, IdentifierPseudonymizer pseudonyms) {
        this.profiles = profiles;
        this.cipher = cipher;
        this.pseudonyms = pseudonyms;
    }

    /** The message addressed for its provider; a {@link ProviderException#permanent permanent} failure when it cannot be. */
    ChannelMessage addressed(ChannelMessage message) {
        IdentifierType type = message.channel().address();
        if (type != IdentifierType.PHONE && type != IdentifierType.EMAIL) {
            return message;
        }
        String recipient = message.recipient();
        if (type == IdentifierType.PHONE ? PHONE.matcher(recipient).matches() : recipient.contains("@")) {
            return message;
        }
        String kind = type == IdentifierType.PHONE ? "phone" : "email";
        String what = type == IdentifierType.PHONE ? "phone number" : "e-mail address";
        ProfileDocument profile = profiles.find(message.customerId()).orElse(null);
        if (profile != null && profile.mergedInto() != null) {
            profile = profiles.find(profile.mergedInto()).orElse(null);
        }
        ProfileAttributes.Stated sealed = profile == null ? null : profile.attributes().personal().get(kind);
        if (sealed == null) {
            throw ProviderException.permanent("no " + what + " on record for customer " + message.customerId()
                    + ": the " + kind + " identifier is a pseudonym, and the address itself comes from the CRM profile", null);
        }
        Optional<String> clear = cipher.decrypt(ProfileAttributes.unseal(sealed.value()));
        if (clear.isEmpty()) {
            throw ProviderException.permanent("the " + what + " of customer " + message.customerId()
                    + " is erased (personal data deleted)", null);
        }
        CustomerIdentifier pseudonym = type == IdentifierType.PHONE ? pseudonyms.phone(clear.get()) : pseudonyms.email(clear.get());
        if (!pseudonym.value().equals(recipient)) {
            throw ProviderException.permanent("the " + what + " on record for customer " + message.customerId()
                    + " is no longer the one the message was accepted for", null);
        }
        return new ChannelMessage(message.messageId(), message.customerId(), message.channel(), clear.get(), message.title(),
                message.body(), message.offerId(), message.couponCode(), message.source(), message.acceptedAt());
    }
}
