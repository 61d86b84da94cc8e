package com.orderpay.platform.problem;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's own error answers (a request it refused before any servlet saw it: too many or too large headers, a
 * request line too long) in problem+json instead of its HTML page, so that even those keep the contract. Spring's
 * errors never reach it: they are written (ProblemDetailsAdvice, ProblemErrorController) before it looks.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        ProblemCode code = ProblemCode.forStatus(known != null ? known : HttpStatus.INTERNAL_SERVER_ERROR);
        String detail = status == 400 || status == 414 || status == 431
                ? "Request refused before it was read: its request line or headers are too long, too many or malformed"
                : code.title();
        String json = "{\"type\":\"" + ProblemTypes.typeOf(code) + "\",\"title\":\"" + code.title()
                + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The connection is going anyway: nothing more to tell.
        }
    }
}
