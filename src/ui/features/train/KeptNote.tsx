import { useStore } from '../../store';

/** Where the model of the run that just ended went: kept in the project, so a reload does not lose it. */
export function KeptNote() {
  const kept = useStore((s) => s.keptModel);
  if (!kept) return null;
  return (
    <p className={kept.state === 'error' ? 'error' : 'hint'} role="status" data-testid="train.kept-model" data-state={kept.state}>
      {kept.state === 'saving' && <>Keeping the model in this project…</>}
      {kept.state === 'saved' && <>The model is kept in this project as “{kept.name}”: it comes back, evaluated, after a reload (Share lists it).</>}
      {kept.state === 'restored' && <>The model of “{kept.name}” was kept in this project and is loaded again, with its evaluation.</>}
      {kept.state === 'error' && <>The model could not be kept in this project: {kept.message} Download it from Share.</>}
    </p>
  );
}
