package conformance.kcl1;

import com.amazonaws.AmazonWebServiceRequest;
import com.amazonaws.handlers.RequestHandler2;
import com.amazonaws.services.dynamodbv2.model.DeleteItemRequest;
import com.amazonaws.services.dynamodbv2.model.ExpectedAttributeValue;
import com.amazonaws.services.dynamodbv2.model.PutItemRequest;
import com.amazonaws.services.dynamodbv2.model.UpdateItemRequest;

import java.util.List;
import java.util.Map;

/**
 * Works around a moto bug, on our DynamoDB client only. KCL 1.x expects `checkpoint NE SHARD_END` as
 * {Value, ComparisonOperator: NE} (leases/impl/KinesisClientLeaseSerializer.getDynamoLeaseCheckpointExpectation);
 * DynamoDB honours the operator, moto's comparisons.get_expected treats any Value as EQ, so every checkpoint fails
 * as ConditionalCheckFailed and leases are "lost". We send the same condition as {AttributeValueList: [Value]}.
 * Same operation, same table: nothing an IAM policy sees changes.
 */
final class MotoExpectedShim extends RequestHandler2 {
    @Override
    public AmazonWebServiceRequest beforeExecution(AmazonWebServiceRequest request) {
        if (request instanceof UpdateItemRequest) fix(((UpdateItemRequest) request).getExpected());
        else if (request instanceof PutItemRequest) fix(((PutItemRequest) request).getExpected());
        else if (request instanceof DeleteItemRequest) fix(((DeleteItemRequest) request).getExpected());
        return request;
    }

    private static void fix(Map<String, ExpectedAttributeValue> expected) {
        if (expected == null) return;
        for (ExpectedAttributeValue e : expected.values()) {
            if (e.getValue() != null && e.getComparisonOperator() != null && e.getAttributeValueList() == null) {
                e.setAttributeValueList(List.of(e.getValue()));
                e.setValue(null);
            }
        }
    }
}
