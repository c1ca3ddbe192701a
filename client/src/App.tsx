import { useTranslation } from 'react-i18next';
import { BrowserRouter, Link, Route, Routes } from 'react-router';
import { LazyModeratorPage } from './components/board/LazyModeratorPage';
import { EventRoute } from './components/EventRoute';
import { MessageView } from './components/MessageView';
import { Notices } from './components/Notices';
import { LazySummaryPage } from './components/summary/LazySummaryPage';
import { AudiencePage } from './pages/AudiencePage';
import { HomePage } from './pages/HomePage';
import { StagePage } from './pages/StagePage';

function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <MessageView title={t('notFound.title')}>
      <Link className="button" to="/">
        {t('common.homeLink')}
      </Link>
    </MessageView>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/" element={<HomePage />} />
        <Route path="/e/:code" element={<EventRoute role="audience" page={AudiencePage} />} />
        <Route
          path="/e/:code/moderate"
          element={<EventRoute role="moderator" page={LazyModeratorPage} />}
        />
        <Route path="/e/:code/stage" element={<EventRoute role="stage" page={StagePage} />} />
        <Route
          path="/e/:code/summary"
          element={<EventRoute role="moderator" page={LazySummaryPage} present={false} />}
        />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
      <Notices />
    </BrowserRouter>
  );
}
