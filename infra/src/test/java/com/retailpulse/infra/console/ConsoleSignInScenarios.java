package com.retailpulse.infra.console;

import com.retailpulse.infra.support.TestIdentityProvider;
import com.retailpulse.infra.support.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's sign-in in JWT mode, in the same headless chromium as {@link ConsoleTest}: a pasted access token
 * signs in with the roles its claim gives, as /api/v1/me reports them; an expired or forged one is refused in
 * words; a sign-in ends at the token's expiry or when the platform stops accepting it; and the "Sign in with …"
 * button runs the authorization-code flow with PKCE against {@link TestIdentityProvider}.
 * <p>
 * It runs as {@code JwtModeSecurityTest.Console} (a {@code @Nested} class), in that class's application context —
 * the platform as a resource server trusting {@link TestIssuer} — so the JWT mode costs the suite one context,
 * closed after both. Screenshots go to target/console-screenshots/sign-in/.
 */
public abstract class ConsoleSignInScenarios extends ConsoleBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots", "sign-in");
    private static TestIdentityProvider provider;

    @Override
    Path screenshots() {
        return SCREENSHOTS;
    }

    @BeforeAll
    static void startProvider() throws IOException {
        provider = TestIdentityProvider.start();
    }

    @AfterAll
    static void stopProvider() {
        if (provider != null) {
            provider.close();
        }
    }

    private static String token(String subject, List<String> roles, Instant expires) {
        return TestIssuer.token(subject, roles, expires);
    }

    private static Instant inAnHour() {
        return Instant.now().plusSeconds(3600);
    }

    private void paste(String token) {
        type(By.id("login-token"), token);
        click(By.id("login-token-submit"));
    }

    @Test
    public void a_marketer_pastes_a_token_and_gets_the_marketers_pages_and_no_audit_then_signs_out() {
        visible(By.id("login-token"));
        assertThat(text(By.id("login-provider"))).isEqualTo("Sign in with " + TestIssuer.NAME);
        assertThat(browser.findElements(By.id("login-password"))).as("no password form in JWT mode").isEmpty();
        screenshot("sign-in");
        new Select(browser.findElement(By.id("lang"))).selectByValue("zh");
        waitText(By.id("login-provider"), "使用 " + TestIssuer.NAME + " 登录");
        screenshot("sign-in-zh");
        new Select(browser.findElement(By.id("lang"))).selectByValue("en");
        waitText(By.id("login-provider"), "Sign in with");

        paste("Bearer " + token("mia@brand.example", List.of("MARKETER"), inAnHour()));
        visible(By.id("sign-out"));
        waitText(By.id("whoami"), "mia@brand.example");
        assertThat(text(By.id("whoami"))).contains("MARKETER");
        assertThat((String) js("return sessionStorage.getItem('retailpulse.console.credentials')")).startsWith("Bearer ey");
        assertThat(js("return JSON.stringify(localStorage)").toString()).doesNotContain("ey");
        for (String page : List.of("overview", "customers", "builder", "campaigns", "journeys", "offers")) {
            assertThat(browser.findElements(By.id("nav-" + page))).as(page).hasSize(1);
        }
        assertThat(browser.findElements(By.id("nav-audit"))).isEmpty();

        // the API answers the bearer token: the campaigns list loads, with the marketer's new-campaign link
        click(By.id("nav-campaigns"));
        waitText(By.cssSelector("main h1"), "Campaigns");
        visible(By.id("new-campaign"));
        waiting(WAIT).until(d -> !d.findElements(By.id("campaigns-table")).isEmpty() || !d.findElements(By.id("campaigns-empty")).isEmpty());
        screenshot("marketer-campaigns");
        browser.get(url("/console/#/audit"));
        waitText(By.id("not-allowed"), "Not allowed");

        click(By.id("sign-out"));
        visible(By.id("login-token"));
        assertThat(js("return sessionStorage.length")).isEqualTo(0L);
        assertThat(browser.findElements(By.id("nav-campaigns"))).isEmpty();
        // a reload stays signed out: nothing was kept
        browser.get(url("/console/#/campaigns"));
        visible(By.id("login-token"));
    }

    @Test
    public void an_auditor_token_opens_the_audit_page_and_no_campaign_launch() {
        paste(token("aud@brand.example", List.of("AUDITOR"), inAnHour()));
        visible(By.id("nav-audit"));
        assertThat(text(By.id("whoami"))).contains("aud@brand.example").contains("AUDITOR");
        assertThat(browser.findElements(By.id("nav-overview"))).isEmpty();
        click(By.id("nav-audit"));
        waitText(By.cssSelector("main h1"), "Audit");
        visible(By.id("audit-customer"));
        // the chain's sealed head is read with the token (AUDITOR's /api/v1/audit/chain), without an error
        waiting(WAIT).until(d -> !d.findElements(By.id("chain-facts")).isEmpty() || !d.findElements(By.id("chain-empty")).isEmpty());
        assertThat(browser.findElement(By.id("chain-error")).getText()).isEmpty();

        click(By.id("nav-campaigns"));
        waitText(By.cssSelector("main h1"), "Campaigns");
        waiting(WAIT).until(d -> !d.findElements(By.id("campaigns-table")).isEmpty() || !d.findElements(By.id("campaigns-empty")).isEmpty());
        assertThat(browser.findElements(By.id("new-campaign"))).isEmpty();
        browser.get(url("/console/#/campaigns/new"));
        waitText(By.cssSelector("main h1"), "Campaigns");
        assertThat(browser.findElements(By.id("campaign-form"))).as("no campaign editor for an auditor").isEmpty();
        screenshot("auditor-campaigns");
    }

    @Test
    public void an_expired_or_forged_token_is_refused_in_words_and_a_sign_in_ends_when_its_token_does() {
        paste(token("mia@brand.example", List.of("MARKETER"), Instant.now().minusSeconds(600)));
        waitText(By.id("login-error"), "This token expired at");
        assertThat(js("return sessionStorage.length")).isEqualTo(0L);
        assertThat(browser.findElements(By.id("sign-out")).get(0).isDisplayed()).isFalse();
        screenshot("expired-token");

        paste(TestIssuer.token(TestIssuer.rsaKeyPair(), "mallory", List.of("ADMIN"), inAnHour()));
        waitText(By.id("login-error"), "The platform refused this token:");
        assertThat(js("return sessionStorage.length")).isEqualTo(0L);

        // a token that expires in a few seconds: the console returns to the sign-in page when it does, saying so
        // (put in the field at once: typing 600 characters may take longer than the token lives)
        ((JavascriptExecutor) browser).executeScript("document.getElementById('login-token').value = arguments[0]",
                token("mia@brand.example", List.of("MARKETER"), Instant.now().plusSeconds(12)));
        click(By.id("login-token-submit"));
        visible(By.id("nav-campaigns"));
        waiting(Duration.ofSeconds(30)).until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"),
                "Your sign-in expired at"));
        visible(By.id("login-token"));
        assertThat(js("return sessionStorage.length")).isEqualTo(0L);

        // a token the platform stops accepting (here: replaced by one it never issued) ends the sign-in at the next call
        paste(token("mia@brand.example", List.of("MARKETER"), inAnHour()));
        visible(By.id("nav-campaigns"));
        js("sessionStorage.setItem('retailpulse.console.credentials', 'Bearer "
                + TestIssuer.token(TestIssuer.rsaKeyPair(), "mia@brand.example", List.of("MARKETER"), inAnHour()) + "')");
        click(By.id("nav-campaigns"));
        waitText(By.id("login-error"), "The platform no longer accepts your sign-in");
        visible(By.id("login-token"));
        assertThat(js("return sessionStorage.length")).isEqualTo(0L);
        screenshot("sign-in-ended");
    }

    @Test
    public void signing_in_at_the_identity_provider_runs_the_code_flow_with_pkce_and_comes_back_to_the_page_asked_for() {
        provider.signsIn("ana@brand.example", List.of("ANALYST"));
        browser.get(url("/console/#/segments"));
        click(By.id("login-provider"));
        waitText(By.id("whoami"), "ana@brand.example");
        assertThat(text(By.id("whoami"))).contains("ANALYST");
        waitText(By.cssSelector("main h1"), "Segments");
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/console/#/segments"));
        assertThat(provider.log()).containsSubsequence("authorize scope=openid roles", "token for ana@brand.example (verifier matches)");
        assertThat((String) js("return sessionStorage.getItem('retailpulse.console.credentials')")).startsWith("Bearer ey");
        assertThat(js("return sessionStorage.getItem('retailpulse.console.oidc')")).as("the verifier is gone once used").isNull();
        screenshot("provider-signed-in");

        // the provider's answer again (a reload of that address, or a stolen one): not this tab's sign-in
        click(By.id("sign-out"));
        visible(By.id("login-provider"));
        browser.get(url("/console/?code=reused&state=not-ours#/segments"));
        waitText(By.id("login-error"), "does not belong to this sign-in");
        assertThat(browser.getCurrentUrl()).doesNotContain("code=");
        assertThat(js("return sessionStorage.length")).isEqualTo(0L);

        // the user cancels at the provider
        provider.declines();
        click(By.id("login-provider"));
        waitText(By.id("login-error"), "The identity provider did not sign you in: the user cancelled");
        assertThat(js("return sessionStorage.length")).isEqualTo(0L);
        screenshot("provider-declined");
    }
}
