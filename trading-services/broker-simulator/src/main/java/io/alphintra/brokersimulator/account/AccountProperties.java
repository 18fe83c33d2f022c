package io.alphintra.brokersimulator.account;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Trading accounts of the venue. Either indexed properties ({@code
 * ALPHINTRA_SIMULATOR_ACCOUNTS_0_APIKEY}, {@code ..._SECRETKEY}, {@code ..._BALANCES_USDT}) or one
 * JSON document in {@code alphintra.simulator.accounts-json} (env {@code SIMULATOR_ACCOUNTS_JSON}),
 * which is what the operator generates into a Secret.
 *
 * @param accounts accounts given as indexed properties
 * @param accountsJson accounts as a JSON array of {apiKey, secretKey, balances}
 */
@ConfigurationProperties("alphintra.simulator")
public record AccountProperties(List<Credentials> accounts, String accountsJson) {

  public AccountProperties {
    accounts = accounts == null ? List.of() : List.copyOf(accounts);
  }

  /**
   * One account.
   *
   * @param apiKey sent by clients in X-MBX-APIKEY
   * @param secretKey HMAC-SHA256 key for request signatures; never logged
   * @param balances starting free balance per asset
   */
  public record Credentials(String apiKey, String secretKey, Map<String, BigDecimal> balances) {

    public Credentials {
      balances = balances == null ? Map.of() : Map.copyOf(balances);
    }

    @Override
    public String toString() {
      return "Credentials[apiKey=" + apiKey + ", secretKey=<redacted>, balances=" + balances + "]";
    }
  }
}
