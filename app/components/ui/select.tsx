import * as RadixSelect from '@radix-ui/react-select';
import { useCspNonce } from '../../lib/csp-nonce.tsx';

export interface SelectOption {
  value: string;
  label: string;
  /** The label's own language when it is not the page's (a language named in itself). */
  lang?: string;
  /** A heading the option is listed under; options of one group must be next to each other. */
  group?: string;
}

/** Consecutive options under the same heading (none: one unnamed run). */
function runsOf(options: SelectOption[]) {
  const runs: { group: string | undefined; options: SelectOption[] }[] = [];
  for (const option of options) {
    const last = runs.at(-1);
    if (last && last.group === option.group) last.options.push(option);
    else runs.push({ group: option.group, options: [option] });
  }
  return runs;
}

interface SelectProps {
  options: SelectOption[];
  value?: string;
  defaultValue?: string;
  onValueChange?(value: string): void;
  name?: string;
  id?: string;
  disabled?: boolean;
  'aria-label'?: string;
  testId?: string;
}

/** A styled single-choice select; with `name` it also submits in a form. */
export function Select({ options, testId, ...props }: SelectProps) {
  const { 'aria-label': ariaLabel, id, ...root } = props;
  const nonce = useCspNonce();
  return (
    <RadixSelect.Root {...root}>
      <RadixSelect.Trigger
        className="select-trigger"
        aria-label={ariaLabel}
        id={id}
        data-testid={testId}
      >
        <RadixSelect.Value />
        <RadixSelect.Icon className="select-icon" aria-hidden>
          ▾
        </RadixSelect.Icon>
      </RadixSelect.Trigger>
      <RadixSelect.Portal>
        <RadixSelect.Content className="select-content" position="popper" sideOffset={4}>
          {/* The viewport's own <style> (hidden scrollbars) needs the page's CSP nonce. */}
          <RadixSelect.Viewport nonce={nonce}>
            {runsOf(options).map((run, index) =>
              run.group === undefined ? (
                run.options.map(selectItem)
              ) : (
                <RadixSelect.Group key={`${index}-${run.group}`}>
                  <RadixSelect.Label className="select-label">{run.group}</RadixSelect.Label>
                  {run.options.map(selectItem)}
                </RadixSelect.Group>
              ),
            )}
          </RadixSelect.Viewport>
        </RadixSelect.Content>
      </RadixSelect.Portal>
    </RadixSelect.Root>
  );
}

function selectItem(option: SelectOption) {
  return (
    <RadixSelect.Item key={option.value} value={option.value} className="select-item">
      <RadixSelect.ItemText>
        {option.lang ? <span lang={option.lang}>{option.label}</span> : option.label}
      </RadixSelect.ItemText>
      <RadixSelect.ItemIndicator className="select-check" aria-hidden>
        ✓
      </RadixSelect.ItemIndicator>
    </RadixSelect.Item>
  );
}
