/**
 * The origin of requests handed straight to a route handler in the test's own process: no server
 * listens there, the URL only names the route (a loopback name, which the app answers on any port).
 */
export const IN_PROCESS_ORIGIN = 'http://localhost';
