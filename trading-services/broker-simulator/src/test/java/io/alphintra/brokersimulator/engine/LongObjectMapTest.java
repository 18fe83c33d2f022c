package io.alphintra.brokersimulator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The primitive map against {@link HashMap} as a model, on seeded random operations. */
class LongObjectMapTest {

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 17, 2024})
  void agreesWithAHashMapOnRandomPutsGetsAndRemoves(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    LongObjectMap<String> map = new LongObjectMap<>(4);
    Map<Long, String> model = new HashMap<>();
    // A small key space forces collisions, long probe runs and deletions inside them; the
    // occasional huge or negative key checks the hash spreads every bit.
    for (int op = 0; op < 200_000; op++) {
      long key =
          switch (random.nextInt(10)) {
            case 0 -> random.nextLong();
            case 1 -> -random.nextInt(1_000);
            default -> random.nextInt(3_000);
          };
      int roll = random.nextInt(100);
      if (roll < 45) {
        String value = "v" + op;
        assertThat(map.put(key, value)).isEqualTo(model.put(key, value));
      } else if (roll < 80) {
        assertThat(map.remove(key)).isEqualTo(model.remove(key));
      } else {
        assertThat(map.get(key)).isEqualTo(model.get(key));
      }
      assertThat(map.size()).isEqualTo(model.size());
      if (op % 10_000 == 0) {
        for (Map.Entry<Long, String> entry : model.entrySet()) {
          assertThat(map.get(entry.getKey())).isEqualTo(entry.getValue());
        }
      }
    }
    for (Map.Entry<Long, String> entry : model.entrySet()) {
      assertThat(map.get(entry.getKey())).isEqualTo(entry.getValue());
    }
  }

  @Test
  void growsPastItsExpectedSizeAndKeepsEveryEntry() {
    LongObjectMap<Long> map = new LongObjectMap<>(2);
    for (long key = 1; key <= 100_000; key++) {
      map.put(key * 1_000_003, key);
    }
    for (long key = 1; key <= 100_000; key++) {
      assertThat(map.get(key * 1_000_003)).isEqualTo(key);
    }
    assertThat(map.get(7)).isNull();
    assertThat(map.size()).isEqualTo(100_000);
  }

  @Test
  void refusesNullValues() {
    assertThatThrownBy(() -> new LongObjectMap<String>(4).put(1, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
