package io.alphintra.brokersimulator.account;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The assets known to the venue, each with a dense index so balances can live in arrays.
 *
 * <p>All assets share Binance's 8-decimal precision: one unit is 1e-8 of an asset.
 */
public final class Assets {

  /** Decimal places of every asset; Binance Spot reports balances with 8. */
  public static final int SCALE = 8;

  private final List<String> names;
  private final Map<String, Integer> indexByName = new HashMap<>();

  public Assets(List<String> names) {
    this.names = List.copyOf(names);
    for (int i = 0; i < this.names.size(); i++) {
      if (indexByName.put(this.names.get(i), i) != null) {
        throw new IllegalArgumentException("duplicate asset " + this.names.get(i));
      }
    }
  }

  public static Assets of(String... names) {
    return new Assets(List.of(names));
  }

  public int size() {
    return names.size();
  }

  public int indexOf(String name) {
    Integer index = indexByName.get(name);
    if (index == null) {
      throw new IllegalArgumentException("unknown asset " + name);
    }
    return index;
  }

  public boolean contains(String name) {
    return indexByName.containsKey(name);
  }

  public String name(int index) {
    return names.get(index);
  }

  public List<String> names() {
    return names;
  }

  /** Exact conversion of a decimal amount to units; rejects amounts finer than 1e-8. */
  public static long toUnits(BigDecimal amount) {
    return amount.setScale(SCALE, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
  }

  public static BigDecimal fromUnits(long units) {
    return BigDecimal.valueOf(units, SCALE);
  }

  /** Collects asset names in first-seen order. */
  public static final class Builder {
    private final List<String> names = new ArrayList<>();

    public Builder add(String name) {
      if (!names.contains(name)) {
        names.add(name);
      }
      return this;
    }

    public Assets build() {
      return new Assets(names);
    }
  }
}
