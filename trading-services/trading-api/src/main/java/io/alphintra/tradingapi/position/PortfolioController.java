package io.alphintra.tradingapi.position;

import io.alphintra.tradingapi.account.Account;
import io.alphintra.tradingapi.account.AccountAccess;
import io.alphintra.tradingapi.broker.ConnectorClient;
import io.alphintra.tradingapi.fill.Fill;
import io.alphintra.tradingapi.fill.Fills;
import io.alphintra.tradingapi.instrument.Instrument;
import io.alphintra.tradingapi.instrument.Instruments;
import io.alphintra.tradingapi.security.Caller;
import io.alphintra.tradingapi.web.ApiProblem;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What an account holds and made: positions with PnL, balances, fills and daily PnL. */
@RestController
@RequestMapping("/api/v1/accounts/{accountId}")
class PortfolioController {

  private final AccountAccess access;
  private final Positions positions;
  private final Fills fills;
  private final Instruments instruments;
  private final ConnectorClient connectors;
  private final JdbcClient jdbc;

  PortfolioController(
      AccountAccess access,
      Positions positions,
      Fills fills,
      Instruments instruments,
      ConnectorClient connectors,
      JdbcClient jdbc) {
    this.access = access;
    this.positions = positions;
    this.fills = fills;
    this.instruments = instruments;
    this.connectors = connectors;
    this.jdbc = jdbc;
  }

  /** Positions per symbol with unrealized PnL at the connector's last trade price. */
  @GetMapping("/positions")
  List<PositionView> positions(@AuthenticationPrincipal Jwt jwt, @PathVariable String accountId) {
    Account account = access.readable(Caller.of(jwt), accountId);
    return positions.symbols(accountId).stream().map(symbol -> view(account, symbol)).toList();
  }

  private PositionView view(Account account, String symbol) {
    Position position = positions.find(account.id(), symbol).orElse(Position.FLAT);
    Instrument instrument = instruments.require(symbol);
    Optional<BigDecimal> last =
        position.quantity().signum() == 0
            ? Optional.empty()
            : connectors.lastPrice(account.brokerConnection(), symbol);
    return new PositionView(
        symbol,
        instrument.quantity(position.quantity()).toPlainString(),
        instrument.price(position.averagePrice()).toPlainString(),
        Instrument.quote(position.realizedPnl()).toPlainString(),
        Instrument.quote(position.fees()).toPlainString(),
        last.map(price -> instrument.price(price).toPlainString()).orElse(null),
        last.map(
                price -> Instrument.quote(PositionMath.unrealized(position, price)).toPlainString())
            .orElse(null));
  }

  /** Net asset flows from fills. */
  @GetMapping("/balances")
  List<BalanceView> balances(@AuthenticationPrincipal Jwt jwt, @PathVariable String accountId) {
    access.readable(Caller.of(jwt), accountId);
    return jdbc.sql("SELECT asset, amount FROM balance WHERE account_id = ? ORDER BY asset")
        .param(accountId)
        .query(
            (rs, row) ->
                new BalanceView(
                    rs.getString("asset"),
                    rs.getBigDecimal("amount").stripTrailingZeros().toPlainString()))
        .list();
  }

  /** Fills, newest first; {@code orderId} (trading-api's id) narrows to one order. */
  @GetMapping("/fills")
  List<Fill> fills(
      @AuthenticationPrincipal Jwt jwt,
      @PathVariable String accountId,
      @RequestParam(required = false) UUID orderId,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "100") int size) {
    access.readable(Caller.of(jwt), accountId);
    if (page < 0 || size < 1 || size > 500) {
      throw ApiProblem.badRequest("page must be >= 0 and size between 1 and 500");
    }
    return fills.list(accountId, orderId, page, size);
  }

  /** Realized PnL, fees and traded notional per UTC day and symbol (default: the last 30 days). */
  @GetMapping("/pnl/daily")
  List<Fills.DailyPnl> daily(
      @AuthenticationPrincipal Jwt jwt,
      @PathVariable String accountId,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
    access.readable(Caller.of(jwt), accountId);
    LocalDate end = to == null ? LocalDate.now(java.time.ZoneOffset.UTC) : to;
    return fills.daily(accountId, from == null ? end.minusDays(30) : from, end);
  }
}
