import { ErrorCode, type Failure } from '@dais/shared';
import { Link } from 'react-router';
import { MessageView } from './MessageView';

const HomeLink = () => (
  <Link className="button" to="/">
    Go to the home page
  </Link>
);

/** Why a page could not join its event, and what the user can do about it. */
export function EventErrorView({ error, code }: { error: Failure; code: string }) {
  switch (error.error) {
    case ErrorCode.EventNotFound:
    case ErrorCode.InvalidPayload:
      return (
        <MessageView title="Event not found">
          <p>
            There is no event with the code <strong className="code">{code}</strong>. Check the code
            and try again.
          </p>
          <HomeLink />
        </MessageView>
      );
    case ErrorCode.BadKey:
      return (
        <MessageView title="This link does not work">
          <p>
            Its secret key is wrong or missing. Open the full moderator or stage link you received
            when the event was created.
          </p>
          <HomeLink />
        </MessageView>
      );
    case ErrorCode.ProtocolMismatch:
      return (
        <MessageView title="Dais has been updated">
          <p>Reload the page to continue.</p>
          <button
            type="button"
            className="button button--primary"
            onClick={() => window.location.reload()}
          >
            Reload
          </button>
        </MessageView>
      );
    default:
      return (
        <MessageView title="Could not join the event">
          <p>{error.message}</p>
          <HomeLink />
        </MessageView>
      );
  }
}
