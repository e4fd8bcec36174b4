import { redirect, type LoaderFunctionArgs } from '@remix-run/node';
import { Link } from '@remix-run/react';
import { useI18n } from '../i18n/index.ts';

export function loader({ context }: LoaderFunctionArgs) {
  if (context.session) throw redirect('/projects');
  return null;
}

export default function Landing() {
  const { t } = useI18n();
  return (
    <section className="landing">
      <h1>{t('app.tagline')}</h1>
      <p className="lead">{t('app.landing')}</p>
      <div className="landing-actions">
        <Link to="/signup" className="btn btn-primary" data-testid="landing-signup">
          {t('nav.signUp')}
        </Link>
        <Link to="/login" className="btn" data-testid="landing-login">
          {t('nav.signIn')}
        </Link>
      </div>
    </section>
  );
}
