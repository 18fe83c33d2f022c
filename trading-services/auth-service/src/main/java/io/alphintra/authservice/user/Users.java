package io.alphintra.authservice.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code app_user} and {@code user_role} tables. */
@Repository
public class Users {

  private static final String SELECT =
      """
            SELECT u.id, u.username, u.password_hash, u.enabled, u.created_at,
                   coalesce(string_agg(r.role, ',' ORDER BY r.role), '') AS roles
            FROM app_user u LEFT JOIN user_role r ON r.user_id = u.id
            """;

  private final JdbcClient jdbc;

  Users(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<UserAccount> byUsername(String username) {
    return jdbc.sql(SELECT + " WHERE u.username = ? GROUP BY u.id")
        .param(username)
        .query(Users::map)
        .optional();
  }

  public Optional<UserAccount> byId(UUID id) {
    return jdbc.sql(SELECT + " WHERE u.id = ? GROUP BY u.id")
        .param(id)
        .query(Users::map)
        .optional();
  }

  List<UserAccount> all() {
    return jdbc.sql(SELECT + " GROUP BY u.id ORDER BY u.username").query(Users::map).list();
  }

  boolean anyWithRole(Role role) {
    return jdbc.sql("SELECT count(*) FROM user_role WHERE role = ?")
            .param(role.name())
            .query(Long.class)
            .single()
        > 0;
  }

  void insert(UserAccount user) {
    jdbc.sql("INSERT INTO app_user (id, username, password_hash, enabled) VALUES (?, ?, ?, ?)")
        .params(user.id(), user.username(), user.passwordHash(), user.enabled())
        .update();
    replaceRoles(user.id(), user.roles());
  }

  void replaceRoles(UUID userId, Set<Role> roles) {
    jdbc.sql("DELETE FROM user_role WHERE user_id = ?").param(userId).update();
    for (Role role : roles) {
      jdbc.sql("INSERT INTO user_role (user_id, role) VALUES (?, ?)")
          .params(userId, role.name())
          .update();
    }
    touch(userId);
  }

  void setEnabled(UUID userId, boolean enabled) {
    jdbc.sql("UPDATE app_user SET enabled = ? WHERE id = ?").params(enabled, userId).update();
    touch(userId);
  }

  private void touch(UUID userId) {
    jdbc.sql("UPDATE app_user SET updated_at = now() WHERE id = ?").param(userId).update();
  }

  private static UserAccount map(ResultSet rs, int row) throws SQLException {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String role : rs.getString("roles").split(",")) {
      if (!role.isEmpty()) {
        roles.add(Role.valueOf(role));
      }
    }
    return new UserAccount(
        rs.getObject("id", UUID.class),
        rs.getString("username"),
        rs.getString("password_hash"),
        rs.getBoolean("enabled"),
        roles,
        rs.getTimestamp("created_at").toInstant());
  }
}
