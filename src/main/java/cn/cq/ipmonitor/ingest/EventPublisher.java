package cn.cq.ipmonitor.ingest;

import cn.cq.ipmonitor.event.Decoded;
import cn.cq.ipmonitor.event.EventDecoder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP way in: events posted to the API are validated with the same decoder as Kafka records and, if
 * every one is valid, written to the event topic keyed by agency, so they take exactly the consumer's path.
 * A request with any invalid event changes nothing and gets the reasons per event.
 */
public final class EventPublisher {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What became of a request. */
  public sealed interface Outcome permits Accepted, Refused {
  }

  public record Accepted(int count) implements Outcome {
  }

  /** @param details one entry per refused event: its index and reasons */
  public record Refused(String error, List<Problem> details) implements Outcome {
  }

  public record Problem(int index, String eventId, List<String> errors) {
  }

  private final KafkaProducer<String, byte[]> producer;
  private final EventDecoder decoder;
  private final String topic;
  private final int maxEvents;

  public EventPublisher(KafkaProducer<String, byte[]> producer, EventDecoder decoder, String topic, int maxEvents) {
    this.producer = producer;
    this.decoder = decoder;
    this.topic = topic;
    this.maxEvents = maxEvents;
  }

  /** Validates a body holding one event object or an array of them and, when all are valid, publishes them. */
  public Future<Outcome> publish(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return Future.succeededFuture(new Refused("body is not valid JSON: " + e.getOriginalMessage(), List.of()));
    } catch (java.io.IOException e) {
      return Future.succeededFuture(new Refused("body cannot be read", List.of()));
    }
    if (root == null || !(root.isObject() || root.isArray())) {
      return Future.succeededFuture(new Refused("body must be an event object or an array of events", List.of()));
    }
    List<JsonNode> items = new ArrayList<>();
    if (root.isArray()) {
      root.forEach(items::add);
    } else {
      items.add(root);
    }
    if (items.isEmpty()) {
      return Future.succeededFuture(new Refused("no events in the body", List.of()));
    }
    if (items.size() > maxEvents) {
      return Future.succeededFuture(new Refused("at most " + maxEvents + " events per request", List.of()));
    }
    List<KafkaProducerRecord<String, byte[]>> records = new ArrayList<>(items.size());
    List<Problem> problems = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      byte[] bytes;
      try {
        bytes = JSON.writeValueAsBytes(items.get(i));
      } catch (JsonProcessingException e) {
        problems.add(new Problem(i, null, List.of("cannot be encoded")));
        continue;
      }
      Decoded d = decoder.decode(bytes);
      if (d.isValid()) {
        records.add(KafkaProducerRecord.create(topic, d.event().agencyId(), bytes));
      } else {
        JsonNode id = items.get(i).get("eventId");
        problems.add(new Problem(i, id != null && id.isTextual() ? id.asText() : null, d.errors()));
      }
    }
    if (!problems.isEmpty()) {
      return Future.succeededFuture(new Refused(problems.size() + " of " + items.size() + " events are invalid; none was accepted",
          problems));
    }
    List<Future<?>> sends = new ArrayList<>(records.size());
    records.forEach(r -> sends.add(producer.send(r)));
    return Future.all(sends).map(x -> new Accepted(records.size()));
  }
}
