package io.alphintra.operator.runtime;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records Kubernetes Events on the resources the operator reconciles; failing to record never fails
 * a reconcile.
 */
public final class EventRecorder {
  public static final String NORMAL = "Normal";
  public static final String WARNING = "Warning";
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private final KubernetesClient client;
  private final String instance;

  private static final DateTimeFormatter MICRO_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX").withZone(ZoneOffset.UTC);

  public EventRecorder(KubernetesClient client, String instance) {
    this.client = client;
    this.instance = instance;
  }

  /**
   * An event's {@code eventTime} as the API server parses it: always six fractional digits (RFC
   * 3339 with microseconds). {@code Instant.toString()} drops trailing zero groups, so an instant
   * whose microseconds are 0 (one in a thousand) printed {@code .276Z} and the API server refused
   * the event.
   */
  static String microTime(Instant instant) {
    return MICRO_TIME.format(instant);
  }

  public void record(HasMetadata about, String type, String reason, String message) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    String seconds = now.truncatedTo(ChronoUnit.SECONDS).toString();
    String name =
        about.getMetadata().getName()
            + "."
            + Long.toHexString(now.toEpochMilli())
            + Long.toHexString(SEQUENCE.incrementAndGet());
    try {
      client
          .v1()
          .events()
          .inNamespace(about.getMetadata().getNamespace())
          .resource(
              new EventBuilder()
                  .withNewMetadata()
                  .withName(name)
                  .withNamespace(about.getMetadata().getNamespace())
                  .endMetadata()
                  .withNewInvolvedObject()
                  .withApiVersion(about.getApiVersion())
                  .withKind(about.getKind())
                  .withName(about.getMetadata().getName())
                  .withNamespace(about.getMetadata().getNamespace())
                  .withUid(about.getMetadata().getUid())
                  .endInvolvedObject()
                  .withType(type)
                  .withReason(reason)
                  .withMessage(message.length() > 1000 ? message.substring(0, 1000) : message)
                  .withAction(reason)
                  .withFirstTimestamp(seconds)
                  .withLastTimestamp(seconds)
                  .withEventTime(new MicroTime(microTime(now)))
                  .withCount(1)
                  .withNewSource()
                  .withComponent(ChildApplier.FIELD_MANAGER)
                  .endSource()
                  .withReportingComponent(ChildApplier.FIELD_MANAGER)
                  .withReportingInstance(instance)
                  .build())
          .create();
    } catch (KubernetesClientException e) {
      LOG.warn(
          "Could not record event {} on {}/{}: {}",
          reason,
          about.getKind(),
          about.getMetadata().getName(),
          e.getMessage());
    }
  }
}
