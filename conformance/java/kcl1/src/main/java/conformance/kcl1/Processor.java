package conformance.kcl1;

import com.amazonaws.services.kinesis.clientlibrary.interfaces.IRecordProcessorCheckpointer;
import com.amazonaws.services.kinesis.clientlibrary.interfaces.v2.IRecordProcessor;
import com.amazonaws.services.kinesis.clientlibrary.interfaces.v2.IShutdownNotificationAware;
import com.amazonaws.services.kinesis.clientlibrary.lib.worker.ShutdownReason;
import com.amazonaws.services.kinesis.clientlibrary.types.InitializationInput;
import com.amazonaws.services.kinesis.clientlibrary.types.ProcessRecordsInput;
import com.amazonaws.services.kinesis.clientlibrary.types.ShutdownInput;
import com.amazonaws.services.kinesis.model.Record;

import java.nio.charset.StandardCharsets;

/** Prints what it consumes and checkpoints after every batch, at shard end and on a requested shutdown. */
final class Processor implements IRecordProcessor, IShutdownNotificationAware {
    private String shardId;

    @Override
    public void initialize(InitializationInput input) {
        shardId = input.getShardId();
    }

    @Override
    public void processRecords(ProcessRecordsInput input) {
        for (Record r : input.getRecords()) {
            byte[] data = new byte[r.getData().remaining()];
            r.getData().duplicate().get(data);
            Worker.say("CONSUMED " + shardId + " " + new String(data, StandardCharsets.UTF_8));
        }
        checkpoint(input.getCheckpointer());
    }

    @Override
    public void shutdown(ShutdownInput input) {
        // ZOMBIE: the lease is lost, another worker owns it now; a checkpoint would fail
        if (input.getShutdownReason() == ShutdownReason.TERMINATE && checkpoint(input.getCheckpointer())) {
            Worker.say("SHARD_END " + shardId);
        }
    }

    @Override
    public void shutdownRequested(IRecordProcessorCheckpointer checkpointer) {
        checkpoint(checkpointer);
    }

    private boolean checkpoint(IRecordProcessorCheckpointer checkpointer) {
        try {
            checkpointer.checkpoint();
            return true;
        } catch (Exception e) {
            System.err.println("kcl1: checkpoint of " + shardId + " failed: " + e);
            return false;
        }
    }
}
