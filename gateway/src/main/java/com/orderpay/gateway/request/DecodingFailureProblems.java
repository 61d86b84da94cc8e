package com.orderpay.gateway.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpay.platform.problem.ProblemCode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * A request Netty cannot even decode (headers over the limit, a request line too long, garbage) never reaches
 * WebFlux, and reactor-netty answers it with a bare 431/414/400. This handler sits just before reactor-netty's own and
 * answers the same status as problem+json, with a request id, then closes the connection (its framing is lost).
 */
@Component
public class DecodingFailureProblems implements NettyServerCustomizer {

    private static final String HANDLER = "orderpay.decodingFailureProblems";

    private final ObjectMapper objectMapper;

    public DecodingFailureProblems(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    public HttpServer apply(HttpServer server) {
        // Runs after reactor-netty's own initialiser has put its codec and traffic handler in the pipeline.
        return server.doOnChannelInit((observer, channel, remoteAddress) -> {
            var pipeline = channel.pipeline();
            if (pipeline.get(NettyPipeline.HttpTrafficHandler) != null && pipeline.get(HANDLER) == null) {
                pipeline.addBefore(NettyPipeline.HttpTrafficHandler, HANDLER, new Handler());
            }
        });
    }

    private final class Handler extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpObject object && object.decoderResult().isFailure()) {
                Throwable cause = object.decoderResult().cause();
                ReferenceCountUtil.release(msg);
                ctx.writeAndFlush(problem(cause)).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            ctx.fireChannelRead(msg);
        }

        private FullHttpResponse problem(Throwable cause) {
            HttpResponseStatus status;
            String detail;
            if (cause instanceof TooLongHttpHeaderException) {
                status = HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
                detail = "Request headers are too large";
            } else if (cause instanceof TooLongHttpLineException) {
                status = HttpResponseStatus.REQUEST_URI_TOO_LONG;
                detail = "Request line is too long";
            } else if (cause instanceof TooLongFrameException) {
                status = HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE;
                detail = "Request is too large";
            } else {
                status = HttpResponseStatus.BAD_REQUEST;
                detail = "Malformed request";
            }
            ProblemCode code = ProblemCode.VALIDATION_FAILED;
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", code.type().toString());
            body.put("title", code.title());
            body.put("status", status.code());
            body.put("detail", detail);
            byte[] json;
            try {
                json = objectMapper.writeValueAsBytes(body);
            } catch (JsonProcessingException e) {
                json = new byte[0];
            }
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.wrappedBuffer(json));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, json.length);
            response.headers().set(HttpHeaderNames.CONNECTION, "close");
            response.headers().set(RequestIdFilter.HEADER, UUID.randomUUID().toString());
            return response;
        }
    }
}
