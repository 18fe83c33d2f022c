package io.alphintra.authservice.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alphintra.authservice.testing.RunningAuthService;
import io.alphintra.authservice.user.Role;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditLogIT extends RunningAuthService {

  @Test
  void auditRowsSayWhoWhenAndFromWhere() {
    String user = createUser("audited", EnumSet.of(Role.VIEWER));
    client().login(user, PASSWORD);

    Map<String, Object> row =
        jdbc.sql(
                "SELECT actor, source, occurred_at FROM audit_event WHERE event = 'LOGIN_SUCCEEDED'"
                    + " AND subject = ?")
            .param(user)
            .query()
            .singleRow();
    Map<String, Object> created =
        jdbc.sql(
                "SELECT actor, detail FROM audit_event WHERE event = 'USER_CREATED'"
                    + " AND subject = ?")
            .param(user)
            .query()
            .singleRow();

    assertThat(row).containsEntry("actor", user).containsEntry("source", "127.0.0.1");
    assertThat(row.get("occurred_at")).isNotNull();
    assertThat(created).containsEntry("actor", ADMIN).containsEntry("detail", "roles [VIEWER]");
  }

  @Test
  void theAuditTableRefusesUpdatesAndDeletes() {
    createUser("immutable", EnumSet.of(Role.VIEWER));

    assertThatThrownBy(() -> jdbc.sql("UPDATE audit_event SET actor = 'someone-else'").update())
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_event").update())
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.sql("TRUNCATE audit_event").update())
        .hasMessageContaining("append-only");
  }

  @Test
  void noPasswordOrTokenEverReachesTheAuditLog() {
    String user = createUser("secretive", EnumSet.of(Role.VIEWER));
    String refresh = client().login(user, PASSWORD).text("refresh_token");
    client()
        .post(
            "/api/v1/auth/login",
            io.alphintra.authservice.testing.ApiClient.json()
                .put("username", user)
                .put("password", "typo-" + PASSWORD),
            null);

    long leaks =
        jdbc.sql(
                "SELECT count(*) FROM audit_event WHERE concat_ws('|', actor, subject, source, detail) LIKE ?"
                    + " OR concat_ws('|', actor, subject, source, detail) LIKE ?")
            .params("%" + PASSWORD + "%", "%" + refresh + "%")
            .query(Long.class)
            .single();

    assertThat(leaks).isZero();
  }
}
