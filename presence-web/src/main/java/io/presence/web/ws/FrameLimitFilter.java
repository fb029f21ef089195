package io.presence.web.ws;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpUpgradeHandler;
import java.io.IOException;
import org.glassfish.tyrus.servlet.TyrusHttpUpgradeHandler;

/**
 * Gives WebSocket connections on the HTTP listener the frame limit the WebSocket listener has: a frame
 * whose header announces more than {@link PresenceSocket#MAX_MESSAGE} is closed with 1009 from its
 * header ({@link FrameLimitUpgradeHandler}). Without it Tyrus reads a whole frame before any size check,
 * up to its 4 MiB read buffer, and closes a larger one with 1011 and a logged stack trace.
 *
 * <p>Tyrus upgrades the request in a filter of its own, mapped after the application's filters; this
 * one hands it a request whose {@code upgrade} creates the limiting subclass of Tyrus' handler instead
 * of Tyrus' own. Requests that are not WebSocket upgrades pass untouched.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class FrameLimitFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String upgrade = request.getHeader("Upgrade");
        if (upgrade != null && upgrade.equalsIgnoreCase("websocket") && FrameLimitUpgradeHandler.available()) {
            chain.doFilter(new LimitedUpgrade(request), response);
        } else {
            chain.doFilter(request, response);
        }
    }

    /** A request whose upgrade to Tyrus' handler creates {@link FrameLimitUpgradeHandler} instead. */
    private static final class LimitedUpgrade extends HttpServletRequestWrapper {

        LimitedUpgrade(HttpServletRequest request) {
            super(request);
        }

        @Override
        public <T extends HttpUpgradeHandler> T upgrade(Class<T> handlerClass) throws IOException, ServletException {
            if (handlerClass == TyrusHttpUpgradeHandler.class) {
                return handlerClass.cast(super.upgrade(FrameLimitUpgradeHandler.class));
            }
            return super.upgrade(handlerClass);
        }
    }
}
