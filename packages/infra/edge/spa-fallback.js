// CloudFront Function (cloudfront-js-2.0), viewer request of the site's default behaviour.
// A path without a file extension is a client-side route: serve /index.html so deep links work.
// Done here rather than with custom error responses, which would also rewrite the API's 403/404 answers.
function handler(event) {
  var request = event.request;
  var lastSegment = request.uri.split('/').pop();
  if (lastSegment.indexOf('.') === -1) {
    request.uri = '/index.html';
  }
  return request;
}
