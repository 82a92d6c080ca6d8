package io.scopecloud.probe.control;

import java.util.Map;
import java.util.function.Function;

/**
 * The arguments of a resize-TTY control ({@code {"pipeID","height","width"}}, all strings), read
 * as Scope's {@code ResizeTTYControlWrapper} reads them, with its error messages.
 */
public record ResizeArgs(String pipeId, int height, int width) {

    /** Runs {@code next} with the request's arguments, or answers what is wrong with them. */
    public static ControlResponse handle(ControlRequest request, Function<ResizeArgs, ControlResponse> next) {
        Map<String, String> args = request.controlArgs() == null ? Map.of() : request.controlArgs();
        String pipeId = args.get("pipeID");
        if (pipeId == null) {
            return ControlResponse.error("Missing argument: pipeID");
        }
        String height = args.get("height");
        if (height == null) {
            return ControlResponse.error("Missing argument: height");
        }
        String width = args.get("width");
        if (width == null) {
            return ControlResponse.error("Missing argument: width");
        }
        int h;
        int w;
        try {
            h = parseUint32(height);
        } catch (NumberFormatException e) {
            return ControlResponse.error("Bad parameter: height (" + ControlRegistry.goQuote(height) + ")");
        }
        try {
            w = parseUint32(width);
        } catch (NumberFormatException e) {
            return ControlResponse.error("Bad parameter: width (" + ControlRegistry.goQuote(width) + ")");
        }
        return next.apply(new ResizeArgs(pipeId, h, w));
    }

    /** A terminal dimension: an unsigned decimal that fits the TTY's 16 bits. */
    private static int parseUint32(String text) {
        long value = Long.parseLong(text);
        if (value < 0 || value > 0xffff || text.startsWith("+")) {
            throw new NumberFormatException(text);
        }
        return (int) value;
    }
}
