import { lazy, LocationProvider, Route, Router } from 'preact-iso';
import { PageFooter } from './components/PageFooter';
import { PageHeader } from './components/PageHeader';
import { SecondFactorBanner } from './components/SecondFactorBanner';
import { SkipLink } from './components/SkipLink';
import { I18nProvider } from './i18n/i18n';
import { NotFound } from './screens/NotFound';
import { Welcome } from './screens/Welcome';

// Screens not needed on first load get their own chunk.
const Register = lazy(() => import('./screens/Register').then((m) => m.Register));
const Login = lazy(() => import('./screens/Login').then((m) => m.Login));
const Profile = lazy(() => import('./screens/Profile').then((m) => m.Profile));
const DeleteAccount = lazy(() => import('./screens/DeleteAccount').then((m) => m.DeleteAccount));
const AccountDeleted = lazy(() => import('./screens/DeleteAccount').then((m) => m.AccountDeleted));
const TotpSetup = lazy(() => import('./screens/TotpSetup').then((m) => m.TotpSetup));
const ContactPerson = lazy(() => import('./screens/ContactPerson').then((m) => m.ContactPerson));
const Inbox = lazy(() => import('./screens/Inbox').then((m) => m.Inbox));
const NotificationSettings = lazy(() => import('./screens/NotificationSettings').then((m) => m.NotificationSettings));
const SignalNew = lazy(() => import('./screens/SignalNew').then((m) => m.SignalNew));
const MySignals = lazy(() => import('./screens/MySignals').then((m) => m.MySignals));
const MySignal = lazy(() => import('./screens/MySignals').then((m) => m.MySignal));
const TeamSignals = lazy(() => import('./screens/Signals').then((m) => m.TeamSignals));
const TeamSignalPage = lazy(() => import('./screens/Signals').then((m) => m.TeamSignalPage));
const Feed = lazy(() => import('./screens/Feed').then((m) => m.Feed));
const MyPosts = lazy(() => import('./screens/Feed').then((m) => m.MyPosts));
const PostNew = lazy(() => import('./screens/PostForm').then((m) => m.PostNew));
const PostEdit = lazy(() => import('./screens/PostForm').then((m) => m.PostEdit));
const PostDetail = lazy(() => import('./screens/PostDetail').then((m) => m.PostDetail));
const Conversations = lazy(() => import('./screens/Conversations').then((m) => m.Conversations));
const ConversationPage = lazy(() => import('./screens/Conversations').then((m) => m.ConversationPage));
const Exchanges = lazy(() => import('./screens/Exchanges').then((m) => m.Exchanges));
const ExchangePage = lazy(() => import('./screens/Exchanges').then((m) => m.ExchangePage));
const GiveAndTake = lazy(() => import('./screens/MarketSettings').then((m) => m.GiveAndTake));
const PauseScreen = lazy(() => import('./screens/MarketSettings').then((m) => m.PauseScreen));
const Blocked = lazy(() => import('./screens/MarketSettings').then((m) => m.Blocked));
const ProcessingLog = lazy(() => import('./screens/ProcessingLog').then((m) => m.ProcessingLog));

// The route table. Each screen is one file in src/screens/.
function Routes() {
  return (
    <Router>
      <Route path="/" component={Welcome} />
      <Route path="/registreren" component={Register} />
      <Route path="/inloggen" component={Login} />
      <Route path="/profiel" component={Profile} />
      <Route path="/profiel/verwijderen" component={DeleteAccount} />
      <Route path="/account-verwijderd" component={AccountDeleted} />
      <Route path="/tweestapsverificatie" component={TotpSetup} />
      <Route path="/contactpersoon" component={ContactPerson} />
      <Route path="/meldingen" component={Inbox} />
      <Route path="/meldingen/instellingen" component={NotificationSettings} />
      <Route path="/signalen/nieuw" component={SignalNew} />
      <Route path="/signalen/:id" component={TeamSignalPage} />
      <Route path="/signalen" component={TeamSignals} />
      <Route path="/mijn-signalen/:id" component={MySignal} />
      <Route path="/mijn-signalen" component={MySignals} />
      <Route path="/verwerkingslog" component={ProcessingLog} />
      <Route path="/vragen" component={Feed} />
      <Route path="/vragen/nieuw" component={PostNew} />
      <Route path="/vragen/:id/bewerken" component={PostEdit} />
      <Route path="/vragen/:id" component={PostDetail} />
      <Route path="/mijn-vragen" component={MyPosts} />
      <Route path="/gesprekken" component={Conversations} />
      <Route path="/gesprekken/:id" component={ConversationPage} />
      <Route path="/afspraken" component={Exchanges} />
      <Route path="/afspraken/:id" component={ExchangePage} />
      <Route path="/geven-en-nemen" component={GiveAndTake} />
      <Route path="/vakantiestand" component={PauseScreen} />
      <Route path="/geblokkeerd" component={Blocked} />
      <Route default component={NotFound} />
    </Router>
  );
}

/** The app shell: skip link, header, the current screen in <main>, footer. */
export function App() {
  return (
    <I18nProvider>
      <LocationProvider>
        <div class="utrecht-page-layout noaber-layout">
          <SkipLink />
          <PageHeader />
          {/* tabIndex -1 so the skip link can move focus here */}
          <main id="main" tabIndex={-1} class="utrecht-page-body noaber-main">
            <div class="utrecht-page-body__content noaber-content">
              <SecondFactorBanner />
              <Routes />
            </div>
          </main>
          <PageFooter />
        </div>
      </LocationProvider>
    </I18nProvider>
  );
}
