package com.retailpulse.infra.channels;

import com.retailpulse.contracts.message.Channel;
import com.retailpulse.contracts.message.ChannelMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.web.util.HtmlUtils;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * E-mail over SMTP ({@code retailpulse.channels.email.*}): the title is the subject, the body the text,
 * sent as plain text with an HTML alternative whose links are clickable and which carries a tracked
 * 1-pixel image, so opening the mail in a client that loads images records an OPENED receipt.
 * The SMTP server's id for the mail is its Message-ID.
 */
final class EmailProvider implements ChannelProvider, BuiltInProvider {

    static final String MESSAGE_ID_HEADER = "X-RetailPulse-Message-Id";
    private static final Pattern TRACKED = Pattern.compile("https?://[A-Za-z0-9\\-._~:/?#\\[\\]@!$&'()*+,;=%]+");

    private final JavaMailSender sender;
    private final String from;
    private final TrackedLinks links;

    EmailProvider(JavaMailSender sender, String from, TrackedLinks links) {
        this.sender = sender;
        this.from = from;
        this.links = links;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public String deliver(ChannelMessage message) {
        MimeMessage mail = sender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(mail, true, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(message.recipient());
            helper.setSubject(message.title() == null ? "" : message.title());
            helper.setText(message.body(), html(message));
            mail.setHeader(MESSAGE_ID_HEADER, message.messageId().value());
        } catch (AddressException e) {
            throw ProviderException.permanent("not an e-mail address: '" + message.recipient() + "' (" + e.getMessage() + ")", e);
        } catch (MessagingException e) {
            throw ProviderException.permanent("cannot compose the e-mail: " + e.getMessage(), e);
        }
        try {
            sender.send(mail);
            return mail.getMessageID();
        } catch (MailParseException | MailPreparationException e) {
            throw ProviderException.permanent("cannot compose the e-mail: " + e.getMessage(), e);
        } catch (MailAuthenticationException e) {
            throw ProviderException.permanent("the SMTP server refused our credentials: " + e.getMessage(), e);
        } catch (MailException e) {
            throw classified(e);
        } catch (MessagingException e) {
            throw ProviderException.retryable("SMTP: " + e.getMessage(), e);
        }
    }

    /** An SMTP 5xx (or a refused recipient) is permanent; a 4xx, a connection problem or a timeout may pass. */
    private static ProviderException classified(MailException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SMTPAddressFailedException refused) {
                return new ProviderException("SMTP refused the recipient " + refused.getAddress() + ": "
                        + refused.getReturnCode() + " " + refused.getMessage().strip(), refused.getReturnCode() < 500, e);
            }
            if (cause instanceof SMTPSendFailedException failed) {
                return new ProviderException("SMTP answered " + failed.getReturnCode() + ": " + failed.getMessage().strip(),
                        failed.getReturnCode() < 500, e);
            }
            if (cause instanceof SendFailedException failed && failed.getInvalidAddresses() != null
                    && failed.getInvalidAddresses().length > 0 && failed.getNextException() == null) {
                return ProviderException.permanent("SMTP refused the recipient: " + failed.getMessage(), e);
            }
        }
        return ProviderException.retryable("SMTP unavailable: " + rootMessage(e), e);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
    }

    private String html(ChannelMessage message) {
        String escaped = HtmlUtils.htmlEscape(message.body(), StandardCharsets.UTF_8.name());
        Matcher matcher = TRACKED.matcher(escaped);
        StringBuilder linked = new StringBuilder();
        while (matcher.find()) {
            String url = matcher.group();
            matcher.appendReplacement(linked, Matcher.quoteReplacement("<a href=\"" + url + "\">" + url + "</a>"));
        }
        matcher.appendTail(linked);
        return "<!DOCTYPE html><html><body><div style=\"white-space:pre-wrap\">" + linked
                + "</div><img src=\"" + links.openPixel(message) + "\" width=\"1\" height=\"1\" alt=\"\"></body></html>";
    }

    @Override
    public String toString() {
        return "e-mail over SMTP";
    }
}
