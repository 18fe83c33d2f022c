package io.alphintra.brokersimulator.account;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** Looks up API accounts by key; opens their ledger accounts with the configured balances. */
public final class AccountDirectory {

  private final Map<String, ApiAccount> byApiKey = new HashMap<>();
  private final Set<Integer> ledgerAccountIds = new HashSet<>();

  public AccountDirectory(List<AccountProperties.Credentials> accounts, Ledger ledger) {
    for (AccountProperties.Credentials credentials : accounts) {
      if (credentials.apiKey() == null
          || credentials.apiKey().isBlank()
          || credentials.secretKey() == null
          || credentials.secretKey().isBlank()) {
        throw new IllegalArgumentException(
            "every simulator account needs an api-key and a secret-key");
      }
      Account account = ledger.openAccount("api:" + credentials.apiKey());
      credentials
          .balances()
          .forEach(
              (asset, amount) ->
                  account.deposit(
                      ledger.assets().indexOf(asset.toUpperCase(Locale.ROOT)),
                      Assets.toUnits(amount)));
      ApiAccount apiAccount =
          new ApiAccount(credentials.apiKey(), credentials.secretKey(), account.id());
      if (byApiKey.put(credentials.apiKey(), apiAccount) != null) {
        throw new IllegalArgumentException("duplicate simulator api-key " + credentials.apiKey());
      }
      ledgerAccountIds.add(account.id());
    }
  }

  /** Whether a ledger account belongs to an API client (not to a simulated participant). */
  public boolean isApiAccount(int ledgerAccountId) {
    return ledgerAccountIds.contains(ledgerAccountId);
  }

  public Optional<ApiAccount> byApiKey(String apiKey) {
    return Optional.ofNullable(byApiKey.get(apiKey));
  }

  /** Indexed-property accounts plus those of the JSON document, if any. */
  public static List<AccountProperties.Credentials> allCredentials(
      AccountProperties properties, ObjectMapper json) {
    List<AccountProperties.Credentials> all = new ArrayList<>(properties.accounts());
    if (properties.accountsJson() != null && !properties.accountsJson().isBlank()) {
      try {
        all.addAll(
            json.readValue(
                properties.accountsJson(),
                new TypeReference<List<AccountProperties.Credentials>>() {}));
      } catch (JacksonException e) {
        // The exception text could echo the document (and its secrets): report only the position.
        throw new IllegalArgumentException(
            "alphintra.simulator.accounts-json is not a JSON array of "
                + "{apiKey, secretKey, balances}: invalid JSON near character "
                + (e.getLocation() != null ? e.getLocation().getCharOffset() : -1),
            null);
      }
    }
    return all;
  }

  /** Every asset named in some account's balances, upper-cased. */
  public static List<String> assetsNamedIn(List<AccountProperties.Credentials> accounts) {
    return accounts.stream()
        .flatMap(credentials -> credentials.balances().keySet().stream())
        .map(asset -> asset.toUpperCase(Locale.ROOT))
        .distinct()
        .toList();
  }
}
