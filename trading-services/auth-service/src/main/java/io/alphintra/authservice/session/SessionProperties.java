package io.alphintra.authservice.session;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Refresh tokens and brute-force protection.
 *
 * @param refreshTokenTtl lifetime of one refresh token (each refresh issues a new one with a fresh
 *     lifetime)
 * @param userMaxFailures consecutive failed logins of one user name before it is locked
 * @param sourceMaxFailures failed logins from one client address, within {@code failureWindow},
 *     before it is locked
 * @param lockDuration the first lock; each further failure while over the limit doubles it, up to
 *     {@code maxLockDuration}
 * @param maxLockDuration the longest lock
 * @param failureWindow failures older than this are forgotten
 */
@ConfigurationProperties("alphintra.auth.session")
public record SessionProperties(
    @DefaultValue("8h") Duration refreshTokenTtl,
    @DefaultValue("5") int userMaxFailures,
    @DefaultValue("20") int sourceMaxFailures,
    @DefaultValue("1m") Duration lockDuration,
    @DefaultValue("15m") Duration maxLockDuration,
    @DefaultValue("15m") Duration failureWindow) {}
