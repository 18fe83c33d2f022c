package io.alphintra.authservice.user;

import io.alphintra.authservice.audit.AuditEvent;
import io.alphintra.authservice.audit.AuditLog;
import io.alphintra.authservice.web.ApiProblem;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating, disabling and re-roling users; every change is audited in its own transaction. */
@Service
public class UserAdministration {

  private final Users users;
  private final PasswordHasher passwords;
  private final AuditLog audit;
  private final List<UserDisabledListener> disabledListeners;

  UserAdministration(
      Users users,
      PasswordHasher passwords,
      AuditLog audit,
      List<UserDisabledListener> disabledListeners) {
    this.users = users;
    this.passwords = passwords;
    this.audit = audit;
    this.disabledListeners = disabledListeners;
  }

  @Transactional
  public UserAccount create(
      String username, String password, Set<Role> roles, String actor, String source) {
    requireAssignable(roles);
    if (PasswordHasher.tooLong(password)) {
      throw ApiProblem.badRequest(
          "password: at most " + PasswordHasher.MAX_PASSWORD_BYTES + " bytes");
    }
    if (users.byUsername(username).isPresent()) {
      throw ApiProblem.conflict("username: a user named " + username + " exists already");
    }
    UserAccount user =
        new UserAccount(
            UUID.randomUUID(),
            username,
            passwords.hash(password),
            true,
            EnumSet.copyOf(roles),
            null);
    try {
      users.insert(user);
    } catch (DuplicateKeyException e) {
      // Created between the check above and this insert (another request, or another replica's
      // bootstrap): the unique username decides, and the caller gets the same answer as above.
      throw ApiProblem.conflict("username: a user named " + username + " exists already");
    }
    audit.record(AuditEvent.USER_CREATED, actor, username, source, "roles " + sorted(roles));
    return users.byId(user.id()).orElseThrow();
  }

  @Transactional
  public UserAccount changeRoles(String username, Set<Role> roles, String actor, String source) {
    requireAssignable(roles);
    UserAccount user = existing(username);
    users.replaceRoles(user.id(), EnumSet.copyOf(roles));
    audit.record(
        AuditEvent.ROLES_CHANGED,
        actor,
        username,
        source,
        sorted(user.roles()) + " -> " + sorted(roles));
    return users.byId(user.id()).orElseThrow();
  }

  @Transactional
  public UserAccount setEnabled(String username, boolean enabled, String actor, String source) {
    UserAccount user = existing(username);
    users.setEnabled(user.id(), enabled);
    if (!enabled) {
      disabledListeners.forEach(listener -> listener.userDisabled(user.id()));
    }
    audit.record(
        enabled ? AuditEvent.USER_ENABLED : AuditEvent.USER_DISABLED,
        actor,
        username,
        source,
        null);
    return users.byId(user.id()).orElseThrow();
  }

  List<UserAccount> all() {
    return users.all();
  }

  UserAccount existing(String username) {
    return users
        .byUsername(username)
        .orElseThrow(() -> ApiProblem.notFound("username: no user named " + username));
  }

  private static void requireAssignable(Set<Role> roles) {
    if (roles.stream().anyMatch(role -> !role.assignableToUsers())) {
      throw ApiProblem.badRequest(
          "roles: STRATEGY is issued to strategy workloads only, never to a user");
    }
  }

  private static List<String> sorted(Set<Role> roles) {
    return roles.stream().map(Role::name).sorted().toList();
  }
}
