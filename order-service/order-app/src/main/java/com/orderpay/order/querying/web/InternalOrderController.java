package com.orderpay.order.querying.web;

import com.orderpay.order.api.OrderAuditPageResponse;
import com.orderpay.order.api.OrderAuditResponse;
import com.orderpay.order.api.OrderClient;
import com.orderpay.order.api.OrderResponse;
import com.orderpay.order.api.PendingOrdersResponse;
import com.orderpay.order.api.SettlementRequest;
import com.orderpay.order.api.TransactionStatusResponse;
import com.orderpay.order.auditing.CoordinatorView;
import com.orderpay.order.auditing.OrderAudits;
import com.orderpay.order.auditing.OrderSettlement;
import com.orderpay.order.querying.OrderQueries;
import com.orderpay.order.web.OrderResponses;
import java.util.List;
import org.springframework.web.bind.annotation.RestController;

/** The internal API siblings call through {@link OrderClient}; implementing it keeps contract and server in step. */
@RestController
public class InternalOrderController implements OrderClient {

    private final OrderQueries queries;
    private final OrderAudits audits;
    private final OrderSettlement settlement;
    private final CoordinatorView coordinator;

    public InternalOrderController(OrderQueries queries, OrderAudits audits, OrderSettlement settlement,
            CoordinatorView coordinator) {
        this.queries = queries;
        this.audits = audits;
        this.settlement = settlement;
        this.coordinator = coordinator;
    }

    @Override
    public OrderResponse order(String orderNo) {
        return OrderResponses.of(queries.anyOrder(orderNo));
    }

    @Override
    public OrderAuditPageResponse orderAudits(String cursor, int limit, List<String> statuses, String updatedBefore) {
        return audits.page(cursor, limit, statuses, updatedBefore);
    }

    @Override
    public List<OrderAuditResponse> lookupOrders(List<String> orderNos) {
        return audits.lookup(orderNos);
    }

    @Override
    public OrderAuditResponse settle(String orderNo, SettlementRequest request) {
        return settlement.settle(orderNo, request.xid(), request.outcome());
    }

    @Override
    public TransactionStatusResponse transaction(String xid) {
        return coordinator.status(xid);
    }

    @Override
    public PendingOrdersResponse pendingOrders(String createdBefore) {
        return audits.pending(createdBefore);
    }
}
