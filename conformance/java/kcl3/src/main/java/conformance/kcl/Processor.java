package conformance.kcl;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/** Prints every record, checkpoints after every batch, at shard end and on a requested shutdown. */
final class Processor implements ShardRecordProcessor {
    private String shardId;

    @Override
    public void initialize(InitializationInput input) {
        shardId = input.shardId();
    }

    @Override
    public void processRecords(ProcessRecordsInput input) {
        for (KinesisClientRecord r : input.records()) {
            ByteBuffer data = r.data().duplicate();
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            Out.line("CONSUMED " + shardId + " " + new String(bytes, StandardCharsets.UTF_8));
        }
        if (!input.records().isEmpty()) checkpoint(input.checkpointer());
    }

    @Override
    public void leaseLost(LeaseLostInput input) {
        // No checkpoint possible: another worker owns the lease now.
    }

    @Override
    public void shardEnded(ShardEndedInput input) {
        // Required: without it KCL never creates leases for the child shards.
        checkpoint(input.checkpointer());
        Out.line("SHARD_END " + shardId);
    }

    @Override
    public void shutdownRequested(ShutdownRequestedInput input) {
        checkpoint(input.checkpointer());
    }

    private void checkpoint(RecordProcessorCheckpointer c) {
        try {
            c.checkpoint();
        } catch (Exception e) {
            System.err.println("checkpoint failed on " + shardId + ": " + e);
        }
    }
}
