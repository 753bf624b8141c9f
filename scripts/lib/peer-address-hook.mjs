// Loaded into the web process with `node --import` (scripts/start.ts): stamps every HTTP request with the address
// of the socket it came from, in a header no client can set (any copy the client sent is overwritten). Route
// handlers cannot see the socket otherwise, and X-Forwarded-For is whatever the client wrote
// (lib/auth/client-address.ts decides which of the two to believe).
import http from "node:http";
import https from "node:https";

const HEADER = "x-countdown-peer-address";

for (const Server of [http.Server, https.Server]) {
  const emit = Server.prototype.emit;
  Server.prototype.emit = function (event, ...args) {
    if (event === "request") {
      const req = args[0];
      req.headers[HEADER] = req.socket?.remoteAddress ?? "";
    }
    return emit.call(this, event, ...args);
  };
}
globalThis[Symbol.for("countdown.peerAddressHook")] = true;
