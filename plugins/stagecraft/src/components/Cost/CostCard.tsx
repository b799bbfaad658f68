import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Alert from '@mui/material/Alert';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { stagecraftApiRef } from '../../api/StagecraftApi';
import { LoadingState } from '../shared/LoadingState';
import { CostBreakdown } from './CostBreakdown';
import { CostRecommendations } from './CostRecommendations';
import { costScopeOf } from './costScope';
import { formatMoney } from './formatMoney';

/**
 * What a component, a project (System) or an environment costs per month, how that splits
 * per component × environment, and what would save money. On project and environment pages
 * also the organisation's total (of what the viewer may read).
 */
export function CostCard() {
  const { entity } = useEntity();
  const api = useApi(stagecraftApiRef);
  const scope = costScopeOf(entity);
  const key = JSON.stringify(scope.filter);
  const { value, loading, error } = useAsync(async () => {
    const [costs, recommendations, organisation] = await Promise.all([
      api.getCosts(scope.filter),
      api.getCostRecommendations(scope.filter),
      scope.kind === 'component' ? undefined : api.getCosts({}),
    ]);
    return { costs, recommendations, organisation };
  }, [api, key]);
  const currency = value?.costs.currency ?? 'USD';
  const total = value?.costs.total;
  return (
    <Card component="section" aria-label="Cost">
      <CardHeader
        title="Cost"
        subheader={
          total && value?.costs.state === 'ok'
            ? `${formatMoney(total.monthly, currency)} per month for ${
                scope.label
              } (hourly cost × ${value.costs.hoursPerMonth} h)`
            : undefined
        }
      />
      <CardContent sx={{ pt: 0 }}>
        {loading && (
          <LoadingState label={`Loading the cost of ${scope.label}`} />
        )}
        {error && (
          <Alert severity="error">
            Could not load the cost of {scope.label}: {error.message}
          </Alert>
        )}
        {value?.costs.state === 'not-configured' && (
          <Alert severity="info">
            Cost is not configured: {value.costs.reason}
          </Alert>
        )}
        {value?.costs.state === 'ok' && value.costs.items.length === 0 && (
          <Alert severity="info">
            Nothing you may see is deployed for {scope.label}, so there is
            nothing to price.
          </Alert>
        )}
        {value?.costs.state === 'ok' && value.costs.items.length > 0 && (
          <>
            {value.organisation?.total && (
              <Typography variant="body2" sx={{ mb: 1 }}>
                Organisation:{' '}
                <strong>
                  {formatMoney(value.organisation.total.monthly, currency)}
                </strong>{' '}
                per month
                {value.recommendations.totalMonthlySaving &&
                  value.recommendations.recommendations.length > 0 &&
                  `; ${formatMoney(
                    value.recommendations.totalMonthlySaving,
                    currency,
                  )} per month could be saved here`}
                .
              </Typography>
            )}
            <CostBreakdown
              report={value.costs}
              currency={currency}
              showComponent={scope.kind !== 'component'}
              showEnvironment={scope.kind !== 'environment'}
            />
            <Typography variant="subtitle2" sx={{ mt: 2, mb: 0.5 }}>
              Recommendations
            </Typography>
            <CostRecommendations
              report={value.recommendations}
              currency={currency}
              usageObserved={value.costs.items.some(i => i.usage)}
            />
          </>
        )}
        {value && value.costs.hiddenDeployments > 0 && (
          <Typography
            variant="caption"
            color="text.secondary"
            display="block"
            sx={{ mt: 1 }}
          >
            {value.costs.hiddenDeployments} deployment(s) of components you may
            not read are not included.
          </Typography>
        )}
        {value && value.costs.gaps.length > 0 && (
          <Typography variant="caption" color="text.secondary" display="block">
            Priced at zero because their pods could not be read:{' '}
            {value.costs.gaps
              .map(
                g =>
                  `${g.componentRef.replace(/^component:default\//, '')} in ${
                    g.environment
                  } (${g.reason})`,
              )
              .join('; ')}
            .
          </Typography>
        )}
      </CardContent>
    </Card>
  );
}
