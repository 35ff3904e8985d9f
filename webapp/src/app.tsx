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
// Moderation, the social map and the monitor (issue 8).
const InboxMoved = lazy(() => import('./screens/Inbox').then((m) => m.InboxMoved));
const MyReport = lazy(() => import('./screens/ReportPages').then((m) => m.MyReport));
const ModerationNoticePage = lazy(() => import('./screens/ReportPages').then((m) => m.ModerationNoticePage));
const ModerationQueue = lazy(() => import('./screens/ModerationQueue').then((m) => m.ModerationQueue));
const ModerationReport = lazy(() => import('./screens/ModerationQueue').then((m) => m.ModerationReport));
const Facilities = lazy(() => import('./screens/Facilities').then((m) => m.Facilities));
const FacilitiesManage = lazy(() => import('./screens/FacilitiesManage').then((m) => m.FacilitiesManage));
const Monitor = lazy(() => import('./screens/Monitor').then((m) => m.Monitor));
// The broker's workbench (issue 8).
const BrokerQueue = lazy(() => import('./screens/broker/BrokerQueue').then((m) => m.BrokerQueue));
const BrokerQueueItem = lazy(() => import('./screens/broker/BrokerQueue').then((m) => m.BrokerQueueItem));
const BrokerResidents = lazy(() => import('./screens/broker/BrokerResidents').then((m) => m.BrokerResidents));
const BrokerResidentNew = lazy(() => import('./screens/broker/BrokerResidents').then((m) => m.BrokerResidentNew));
const BrokerResident = lazy(() => import('./screens/broker/BrokerResidents').then((m) => m.BrokerResident));
const BrokerResidentConversation = lazy(() => import('./screens/broker/BrokerResidents').then((m) => m.BrokerResidentConversation));
const BrokerNoticeBoardChoice = lazy(() => import('./screens/broker/BrokerNoticeBoard').then((m) => m.BrokerNoticeBoardChoice));
const BrokerNoticeBoardPage = lazy(() => import('./screens/broker/BrokerNoticeBoard').then((m) => m.BrokerNoticeBoardPage));
const BrokerKeyfigures = lazy(() => import('./screens/broker/BrokerKeyfigures').then((m) => m.BrokerKeyfigures));

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
      <Route path="/notificaties" component={Inbox} />
      <Route path="/notificaties/instellingen" component={NotificationSettings} />
      <Route path="/meldingen" component={InboxMoved} />
      <Route path="/meldingen/instellingen" component={InboxMoved} />
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
      <Route path="/mijn-meldingen/:id" component={MyReport} />
      <Route path="/moderatie-berichten/:id" component={ModerationNoticePage} />
      <Route path="/makelaar/meldingen" component={ModerationQueue} />
      <Route path="/makelaar/meldingen/:id" component={ModerationReport} />
      <Route path="/voorzieningen" component={Facilities} />
      <Route path="/makelaar/voorzieningen" component={FacilitiesManage} />
      <Route path="/monitor" component={Monitor} />
      <Route path="/makelaar" component={BrokerQueue} />
      <Route path="/makelaar/vragen/:postId" component={BrokerQueueItem} />
      <Route path="/makelaar/bewoners" component={BrokerResidents} />
      <Route path="/makelaar/bewoners/nieuw" component={BrokerResidentNew} />
      <Route path="/makelaar/bewoners/:id" component={BrokerResident} />
      <Route path="/makelaar/bewoners/:id/gesprekken/:cid" component={BrokerResidentConversation} />
      <Route path="/makelaar/prikbord" component={BrokerNoticeBoardChoice} />
      <Route path="/makelaar/prikbord/:areaId" component={BrokerNoticeBoardPage} />
      <Route path="/makelaar/sleutelfiguren" component={BrokerKeyfigures} />
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
