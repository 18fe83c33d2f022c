package io.alphintra.authservice.user;

import io.alphintra.authservice.token.VerifiedToken;
import io.alphintra.authservice.web.RequiresRole;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The ADMIN API: list, create, disable/enable and re-role users. */
@RestController
@RequestMapping("/api/v1/users")
@RequiresRole(Role.ADMIN)
class UserAdminController {

  private final UserAdministration administration;

  UserAdminController(UserAdministration administration) {
    this.administration = administration;
  }

  @GetMapping
  List<UserView> list() {
    return administration.all().stream().map(UserView::of).toList();
  }

  @GetMapping("/{username}")
  UserView get(@PathVariable String username) {
    return UserView.of(administration.existing(username));
  }

  @PostMapping
  ResponseEntity<UserView> create(
      @Valid @RequestBody CreateUserRequest request,
      VerifiedToken caller,
      HttpServletRequest http) {
    UserAccount user =
        administration.create(
            request.username(),
            request.password(),
            request.roles(),
            caller.username(),
            http.getRemoteAddr());
    return ResponseEntity.created(URI.create("/api/v1/users/" + user.username()))
        .body(UserView.of(user));
  }

  @PutMapping("/{username}/roles")
  UserView changeRoles(
      @PathVariable String username,
      @Valid @RequestBody RolesRequest request,
      VerifiedToken caller,
      HttpServletRequest http) {
    return UserView.of(
        administration.changeRoles(
            username, request.roles(), caller.username(), http.getRemoteAddr()));
  }

  @PostMapping("/{username}/disable")
  UserView disable(@PathVariable String username, VerifiedToken caller, HttpServletRequest http) {
    return UserView.of(
        administration.setEnabled(username, false, caller.username(), http.getRemoteAddr()));
  }

  @PostMapping("/{username}/enable")
  UserView enable(@PathVariable String username, VerifiedToken caller, HttpServletRequest http) {
    return UserView.of(
        administration.setEnabled(username, true, caller.username(), http.getRemoteAddr()));
  }
}
