package dev.tributary.streams;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The last line of defence behind {@link OutputLimits}: a record that a topic refuses for its size
 * (its configuration changed while the application ran, say) is logged, naming the topic and the
 * size, and skipped, instead of failing the task and, after every restart, failing it again on the
 * same record. Every other error fails as Kafka Streams' default handler does. Set by default as
 * {@code production.exception.handler}; a user's own handler replaces it.
 */
public final class OutputExceptionHandler implements ProductionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(OutputExceptionHandler.class);

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception e) {
        if (e instanceof RecordTooLargeException || e instanceof RecordBatchTooLargeException) {
            LOG.error("a record of {} bytes for topic {} was refused for its size and skipped ({}); check the"
                    + " topic's max.message.bytes and the producer's max.request.size", size(record), record.topic(),
                    e.getMessage());
            return Response.resume();
        }
        return Response.fail();
    }

    private static long size(ProducerRecord<byte[], byte[]> r) {
        return (long) (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
