package com.orderpay.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What the local run does when one of its parts dies: start it again, or (ORDERPAY_RESTART_POLICY=Never) say so. */
class PartRestartsTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(PartRestarts.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void listen() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(logged);
    }

    @Test
    void aPartThatExitsIsStartedAgainAfterTheDelay() {
        Part wallet = new Part("wallet-service");
        try (PartRestarts restarts = PartRestarts.watch(List.of(wallet), Duration.ofMillis(100))) {
            wallet.exit("exit code 137");
            await("started again").atMost(Duration.ofSeconds(5)).until(() -> wallet.starts.get() == 1);
            assertThat(wallet.exited()).isEmpty();
            assertThat(messages(Level.WARN)).anyMatch(m -> m.startsWith("wallet-service exited (exit code 137); starting it again"));
        }
    }

    @Test
    void underRestartPolicyNeverAPartThatExitsIsReportedOnceAndLeftDown() throws Exception {
        Part wallet = new Part("wallet-service");
        Part gateway = new Part("gateway");
        try (PartRestarts reports = PartRestarts.reportOnly(List.of(wallet, gateway))) {
            wallet.exit("exit code 137");
            await("reported").atMost(Duration.ofSeconds(5)).until(() -> !messages(Level.ERROR).isEmpty());
            // Several looks later: still one report, and nothing started.
            Thread.sleep(1_500);
            assertThat(messages(Level.ERROR)).singleElement().asString()
                    .startsWith("wallet-service exited (exit code 137); it stays down")
                    .contains("ORDERPAY_RESTART_POLICY=Never");
            assertThat(wallet.starts).hasValue(0);
            assertThat(gateway.starts).hasValue(0);
        }
    }

    private List<String> messages(Level level) {
        return List.copyOf(logged.list).stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    /** A part on a port nothing listens on, that exits when told to and runs again when started. */
    private static final class Part implements PartRestarts.Part {

        private final String name;
        private final int port = FreePorts.pick();
        private volatile String exited;
        final AtomicInteger starts = new AtomicInteger();

        Part(String name) {
            this.name = name;
        }

        void exit(String how) {
            exited = how;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int port() {
            return port;
        }

        @Override
        public Optional<String> exited() {
            return Optional.ofNullable(exited);
        }

        @Override
        public void startAgain() {
            starts.incrementAndGet();
            exited = null;
        }
    }
}
